namespace Aggregator.Streams.State;

/// <summary>What every window store builder knows, whatever its key and value types.</summary>
public abstract class WindowStoreBuilderBase : StoreBuilder
{
    private protected WindowStoreBuilderBase(string name, StoreType type, long windowSizeMs, long retentionMs)
        : base(name, type)
    {
        WindowSizeMs = windowSizeMs;
        RetentionMs = retentionMs;
    }

    public long WindowSizeMs { get; }

    public long RetentionMs { get; }

    public override string Kind => "window";
}
