namespace Aggregator.Streams.Processors;

public enum PunctuationType
{
    /// <summary>Driven by record timestamps: fires when the task's stream time passes the next interval.</summary>
    StreamTime,

    /// <summary>Driven by the runtime's TimeProvider, whether or not records arrive.</summary>
    WallClockTime,
}
