using Aggregator.Streams.State;

namespace Aggregator.Privacy;

/// <summary>Answers "has this user refused tracking?" from the global opt-out table (kept current while running).</summary>
internal static class OptOutCheck
{
    public const string StoreName = "privacy-optouts";

    public static bool IsOptedOut(IReadOnlyKeyValueStore<string, bool> optOuts, string? userId) =>
        userId is not null && optOuts.TryGet(userId, out var optedOut) && optedOut;
}
