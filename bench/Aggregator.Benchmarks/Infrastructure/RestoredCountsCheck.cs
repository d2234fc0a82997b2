using System.Globalization;
using System.Text.Json;
using Aggregator.Topology;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// Proof that the changelog the bench wrote is what Streamiz restores as counts: the worker's own GET /counts
/// (interactive queries on the restored window store) must answer every sample key's windows with the counts written.
/// A wrong key layout, byte order or value serde would show as missing windows or wrong counts here, not as a slow restore.
/// </summary>
internal static class RestoredCountsCheck
{
    /// <summary>Windows that matched, windows expected, and the first mismatch (null when all matched).</summary>
    public static async Task<(int Matched, int Expected, string? Mismatch)> RunAsync(WorkerProcess worker, WindowChangelog changelog, CancellationToken cancellationToken)
    {
        var matched = 0;
        var expected = 0;
        string? mismatch = null;
        foreach (var (key, windows) in changelog.Samples())
        {
            foreach (var (start, count) in windows)
            {
                expected++;
                // One window start per query: /counts scans every entry of the time range, ~entries / 45 per minute here.
                var body = await worker.GetAsync(
                    string.Create(CultureInfo.InvariantCulture, $"/counts?key={Uri.EscapeDataString(key)}&from={start}&to={start}"), cancellationToken);
                var found = Count(body, WindowedCountJson.Time(start));
                if (found == count)
                {
                    matched++;
                }
                else
                {
                    mismatch ??= $"{key} window {WindowedCountJson.Time(start)}: expected {count}, /counts said {found?.ToString(CultureInfo.InvariantCulture) ?? "nothing"} ({Shorten(body)})";
                }
            }
        }

        return (matched, expected, mismatch);
    }

    private static long? Count(string? body, string windowStart)
    {
        if (body is null)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (!json.RootElement.TryGetProperty("windows", out var windows))
            {
                return null;
            }

            foreach (var window in windows.EnumerateArray())
            {
                if (window.GetProperty("windowStart").GetString() == windowStart)
                {
                    return window.GetProperty("count").GetInt64();
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private const int MaxBodyInReport = 200;

    private static string Shorten(string? body) =>
        body is null ? "no answer" : body.Length <= MaxBodyInReport ? body : body[..MaxBodyInReport] + "…";
}
