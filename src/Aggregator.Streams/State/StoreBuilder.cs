using Aggregator.Streams.State.Internal;

namespace Aggregator.Streams.State;

/// <summary>Describes a state store; the runtime builds one instance per task from it.</summary>
public abstract class StoreBuilder
{
    private protected StoreBuilder(string name, StoreType type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Type = type;
    }

    public string Name { get; }

    public StoreType Type { get; }

    /// <summary>Whether updates go to a changelog topic, making the store fault tolerant (default on).</summary>
    public bool LoggingEnabled { get; private set; } = true;

    /// <summary>Whether downstream sees updates per commit (latest per key) rather than per record (default on).</summary>
    public bool CachingEnabled { get; private set; } = true;

    /// <summary>"key-value" or "window", for descriptions.</summary>
    public abstract string Kind { get; }

    public StoreBuilder WithLoggingDisabled()
    {
        LoggingEnabled = false;
        return this;
    }

    public StoreBuilder WithCachingDisabled()
    {
        CachingEnabled = false;
        return this;
    }

    internal abstract ManagedStore Build(int cacheMaxEntries);

    public override string ToString() => $"{Name} ({Kind}, {Type}{(LoggingEnabled ? ", logged" : string.Empty)})";
}
