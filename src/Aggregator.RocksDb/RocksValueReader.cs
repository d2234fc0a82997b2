namespace Aggregator.RocksDb;

/// <summary>
/// Decodes a value in place. <paramref name="value"/> points into RocksDB's memory (a block-cache block or a
/// memtable copy) and is valid only during the call: copy out what you need, never keep the span.
/// </summary>
public delegate T RocksValueReader<out T>(ReadOnlySpan<byte> value);
