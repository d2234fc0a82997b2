using System.Text;
using System.Text.Json;

namespace Aggregator.IntegrationTests.Reporting;

/// <summary>One raw event as the collector sends it (or, <see cref="Broken"/>, a record that is not JSON), and the partition the test puts it on.</summary>
internal sealed record RawActivity(int Partition, string EventId, string Type, string User, DateTimeOffset Time, string Path, bool Broken = false)
{
    public byte[] Json() => Broken ? Malformed : JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
    {
        ["eventId"] = EventId,
        ["type"] = Type,
        ["userId"] = User,
        ["timestamp"] = Time.ToString("O"),
        ["url"] = "https://shop.example.com" + Path,
    });

    public static byte[] Malformed { get; } = Encoding.UTF8.GetBytes("{broken json");
}
