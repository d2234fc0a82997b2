using Aggregator.Streams.Errors;

namespace Aggregator.Streams.Testing;

public sealed record TopologyTestDriverOptions
{
    public string ApplicationId { get; init; } = "test-app";

    /// <summary>Wall-clock time at start; advance it with <see cref="TopologyTestDriver.AdvanceWallClockTime"/>.</summary>
    public DateTimeOffset InitialWallClock { get; init; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public DeserializationErrorMode DeserializationErrors { get; init; } = DeserializationErrorMode.LogAndContinue;

    public string? DeadLetterTopic { get; init; }

    public int CacheMaxEntries { get; init; } = 10_000;
}
