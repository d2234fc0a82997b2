using Streamiz.Kafka.Net.State;

namespace Aggregator.Privacy;

/// <summary>
/// Answers "has this person refused tracking?" from the global opt-out table (kept current while running). The
/// table's keys are identities — a userId or an anonymousId, one record per identity — and an event is the person's
/// if any of its identities is opted out (issue 14: matching the userId alone let the same person's anonymous events
/// flow). The worker does not link identities itself: the privacy service, which knows them, writes one record per
/// identity (docs/privacy.md).
/// </summary>
internal static class OptOutCheck
{
    public const string StoreName = "privacy-optouts";

    /// <summary>The global opt-out store (<see cref="OptOutTableUpdater"/>) as a processor sees it.</summary>
    public static IReadOnlyKeyValueStore<string, bool> Table(Streamiz.Kafka.Net.ProcessorContext context) =>
        (IReadOnlyKeyValueStore<string, bool>)context.GetStateStore(StoreName);

    public static bool IsOptedOut(IReadOnlyKeyValueStore<string, bool> optOuts, string? userId) =>
        !string.IsNullOrEmpty(userId) && optOuts.Get(userId);

    /// <summary>True when either identity of an event is opted out.</summary>
    public static bool IsOptedOut(IReadOnlyKeyValueStore<string, bool> optOuts, string? userId, string? anonymousId) =>
        IsOptedOut(optOuts, userId) || IsOptedOut(optOuts, anonymousId);

    /// <summary>True when any of the identities found in a record that failed validation is opted out.</summary>
    public static bool IsOptedOut(IReadOnlyKeyValueStore<string, bool> optOuts, in Activity.Identities identities) =>
        IsOptedOut(optOuts, identities.UserId, identities.AnonymousId) || IsOptedOut(optOuts, identities.Key);
}
