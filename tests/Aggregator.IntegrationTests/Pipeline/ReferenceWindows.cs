namespace Aggregator.IntegrationTests.Pipeline;

/// <summary>
/// The counts' windows as the contract states them (5 minutes, advancing by 1 minute, aligned to the epoch), written
/// out here rather than taken from the product, so the reference counts are computed independently of it.
/// </summary>
internal static class ReferenceWindows
{
    public const long SizeMs = 5 * 60_000;
    public const long AdvanceMs = 60_000;
    public const long GraceMs = 60_000;

    /// <summary>Starts of every window containing <paramref name="timestampMs"/>, oldest first.</summary>
    public static IEnumerable<long> StartsFor(long timestampMs)
    {
        var last = timestampMs / AdvanceMs * AdvanceMs;
        for (var start = last - SizeMs + AdvanceMs; start <= last; start += AdvanceMs)
        {
            if (start >= 0)
            {
                yield return start;
            }
        }
    }
}
