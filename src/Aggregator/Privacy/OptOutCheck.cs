using Streamiz.Kafka.Net.State;

namespace Aggregator.Privacy;

/// <summary>Answers "has this user refused tracking?" from the global opt-out table (kept current while running).</summary>
internal static class OptOutCheck
{
    public const string StoreName = "privacy-optouts";

    /// <summary>The global opt-out store (<see cref="OptOutTableUpdater"/>) as a processor sees it.</summary>
    public static IReadOnlyKeyValueStore<string, bool> Table(Streamiz.Kafka.Net.ProcessorContext context) =>
        (IReadOnlyKeyValueStore<string, bool>)context.GetStateStore(StoreName);

    public static bool IsOptedOut(IReadOnlyKeyValueStore<string, bool> optOuts, string? userId) =>
        userId is not null && optOuts.Get(userId);
}
