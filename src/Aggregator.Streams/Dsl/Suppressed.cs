namespace Aggregator.Streams.Dsl;

/// <summary>Suppression of intermediate results. Only "until the window closes" is supported.</summary>
public sealed record Suppressed
{
    private Suppressed(string? name) => Name = name;

    public string? Name { get; }

    /// <summary>Emit one final result per window, when stream time passes its end plus grace.</summary>
    public static Suppressed UntilWindowCloses(string? name = null) => new(name);
}
