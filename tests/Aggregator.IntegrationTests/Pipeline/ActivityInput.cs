using System.Text;
using System.Text.Json;

namespace Aggregator.IntegrationTests.Pipeline;

/// <summary>
/// A generated activity input with its expected outcome computed independently of the pipeline: thousands of events
/// over many users, pages and minutes, out of order by up to 30 s (within the 1-minute grace), byte-identical resends,
/// users who opted out beforehand, and malformed records.
/// </summary>
internal sealed class ActivityInput
{
    private static readonly string[] Types = ["page_view", "page_view", "page_view", "click", "search", "add_to_cart", "purchase", "error"];
    private static readonly string[] Pages = ["/", "/products/1", "/products/2", "/products/3", "/category/shoes", "/cart", "/checkout", "/search"];

    public List<(string? Key, byte[] Value)> Records { get; } = [];

    public HashSet<string> OptedOutUsers { get; } = [];

    /// <summary>eventId → user of every event that must reach activity.refined (valid, first copy, user not opted out).</summary>
    public Dictionary<string, string> ExpectedRefined { get; } = [];

    public int ExpectedDeadLetters { get; private set; }

    /// <summary>"type|path@windowStartMs" → count.</summary>
    public Dictionary<string, long> ExpectedCounts { get; } = [];

    public static ActivityInput Generate(int events, int users, int minutes, int seed, DateTimeOffset start)
    {
        var input = new ActivityInput();
        var random = new Random(seed);
        for (var u = 0; u < users; u += 37)
        {
            input.OptedOutUsers.Add(User(u));
        }

        for (var i = 0; i < events; i++)
        {
            if (random.Next(100) < 3)
            {
                input.Records.Add((null, Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "{broken json" : """{"type":"page_view","timestamp":"2026-11-21T10:00:00Z"}""")));
                input.ExpectedDeadLetters++;
                continue;
            }

            var user = User(random.Next(users));
            var time = start.AddMilliseconds(((double)i / events * minutes * 60_000) + random.Next(-30_000, 30_000));
            var type = Types[random.Next(Types.Length)];
            var page = Pages[random.Next(Pages.Length)];
            var eventId = $"e-{seed}-{i}";
            var value = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["eventId"] = eventId,
                ["type"] = type,
                ["userId"] = user,
                ["timestamp"] = time.ToString("O"),
                ["url"] = "https://shop.example.com" + page,
            });
            input.Records.Add((user, value));
            if (random.Next(100) < 2)
            {
                input.Records.Add((user, value)); // an at-least-once collector's resend
            }

            if (input.OptedOutUsers.Contains(user))
            {
                continue;
            }

            input.ExpectedRefined[eventId] = user;
            foreach (var windowStart in ReferenceWindows.StartsFor(time.ToUnixTimeMilliseconds()))
            {
                var key = $"{type}|{page}@{windowStart}";
                input.ExpectedCounts[key] = input.ExpectedCounts.GetValueOrDefault(key) + 1;
            }
        }

        return input;
    }

    private static string User(int index) => $"u-{index:D4}";
}
