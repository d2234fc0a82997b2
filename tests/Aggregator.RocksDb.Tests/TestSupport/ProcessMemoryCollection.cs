namespace Aggregator.RocksDb.Tests.TestSupport;

/// <summary>
/// Tests that measure the whole process (RSS, file descriptors) must not share it with other tests
/// running at the same time: xunit runs this collection alone, after the parallel ones.
/// </summary>
[CollectionDefinition(nameof(ProcessMemoryCollection), DisableParallelization = true)]
public sealed class ProcessMemoryCollection;
