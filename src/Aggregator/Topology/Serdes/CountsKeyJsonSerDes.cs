using System.Globalization;
using System.Text.Json;
using Aggregator.Serialization;
using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.Stream;

namespace Aggregator.Topology.Serdes;

/// <summary>activity.counts keys in the JSON contract (<see cref="WindowedCountJson"/>); reading is for tests and tools.</summary>
internal sealed class CountsKeyJsonSerDes : AbstractSerDes<Windowed<string>>
{
    public static CountsKeyJsonSerDes Instance { get; } = new();

    public override byte[] Serialize(Windowed<string> data, SerializationContext context) => WindowedCountJson.Key(data);

    public override Windowed<string> Deserialize(byte[] data, SerializationContext context) => Read(data).Window;

    internal static WindowedCount Read(byte[] data)
    {
        using var json = JsonDocument.Parse(data);
        var root = json.RootElement;
        var window = new Windowed<string>(
            root.GetProperty("key").GetString()!,
            new TimeWindow(Millis(root.GetProperty("windowStart")), Millis(root.GetProperty("windowEnd"))));
        return new WindowedCount(window, root.TryGetProperty("count", out var count) ? count.GetInt64() : 0);
    }

    private static long Millis(JsonElement time) =>
        DateTimeOffset.Parse(time.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();
}
