using Streamiz.Kafka.Net.State;

namespace Aggregator.Privacy;

/// <summary>Answers "has this user refused tracking?" from the global opt-out table (kept current while running).</summary>
internal static class OptOutCheck
{
    public const string StoreName = "privacy-optouts";

    /// <summary>The global table's store as a processor sees it (Streamiz materializes global tables with timestamps).</summary>
    public static IReadOnlyKeyValueStore<string, ValueAndTimestamp<bool>> Table(Streamiz.Kafka.Net.ProcessorContext context) =>
        (IReadOnlyKeyValueStore<string, ValueAndTimestamp<bool>>)context.GetStateStore(StoreName);

    public static bool IsOptedOut(IReadOnlyKeyValueStore<string, ValueAndTimestamp<bool>> optOuts, string? userId) =>
        userId is not null && optOuts.Get(userId) is { Value: true };
}
