using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Aggregator.Streams.Dsl;

namespace Aggregator.Topology;

/// <summary>
/// The activity.counts contract: key <c>{"key","windowStart","windowEnd"}</c>, value the same plus <c>"count"</c>;
/// times as ISO-8601 UTC with milliseconds. The latest record per key is the truth.
/// </summary>
internal static class WindowedCountJson
{
    public static byte[] Key(Windowed<string> windowed) => Write(windowed, count: null);

    public static byte[] Value(Windowed<string> windowed, long count) => Write(windowed, count);

    public static string Time(long epochMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static byte[] Write(Windowed<string> windowed, long? count)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("key"u8, windowed.Key);
            json.WriteString("windowStart"u8, Time(windowed.Window.StartMs));
            json.WriteString("windowEnd"u8, Time(windowed.Window.EndMs));
            if (count is { } value)
            {
                json.WriteNumber("count"u8, value);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
