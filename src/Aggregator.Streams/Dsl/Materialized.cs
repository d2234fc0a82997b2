using Aggregator.Streams.Serdes;
using Aggregator.Streams.State;

namespace Aggregator.Streams.Dsl;

/// <summary>How to keep the state behind a table or aggregation.</summary>
public sealed record Materialized<TKey, TValue>
{
    public string? StoreName { get; init; }

    public ISerde<TKey>? KeySerde { get; init; }

    public ISerde<TValue>? ValueSerde { get; init; }

    public StoreType StoreType { get; init; } = StoreType.RocksDb;

    public bool LoggingEnabled { get; init; } = true;

    public bool CachingEnabled { get; init; } = true;

    /// <summary>For windowed stores: how long windows stay queryable (at least size + grace).</summary>
    public TimeSpan? Retention { get; init; }

    public static Materialized<TKey, TValue> As(string storeName) => new() { StoreName = storeName };

    public Materialized<TKey, TValue> WithKeySerde(ISerde<TKey> serde) => this with { KeySerde = serde };

    public Materialized<TKey, TValue> WithValueSerde(ISerde<TValue> serde) => this with { ValueSerde = serde };

    public Materialized<TKey, TValue> WithStoreType(StoreType type) => this with { StoreType = type };

    public Materialized<TKey, TValue> WithLoggingDisabled() => this with { LoggingEnabled = false };

    public Materialized<TKey, TValue> WithCachingDisabled() => this with { CachingEnabled = false };

    public Materialized<TKey, TValue> WithRetention(TimeSpan retention) => this with { Retention = retention };
}
