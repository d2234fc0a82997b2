namespace Aggregator.Streams.State;

/// <summary>Where a store keeps its committed state.</summary>
public enum StoreType
{
    /// <summary>On the instance's RocksDB database (bounded memory, survives restarts without a restore).</summary>
    RocksDb,

    /// <summary>In managed memory; rebuilt from the changelog on every start.</summary>
    InMemory,
}
