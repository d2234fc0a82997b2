using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Streamiz.Kafka.Net.State;

namespace Aggregator.Topology;

/// <summary>
/// The activity.counts contract: key <c>{"key","windowStart","windowEnd"}</c>, value the same plus <c>"count"</c>;
/// times as ISO-8601 UTC with milliseconds. The latest record per key is the truth.
/// </summary>
internal static class WindowedCountJson
{
    private const string TimeFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    // Two records per window update at every commit: one writer and buffer per stream thread, reused, instead of
    // a new writer, buffer and four formatted strings per record.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    public static byte[] Key(Windowed<string> windowed) => Write(windowed, count: null);

    public static byte[] Value(Windowed<string> windowed, long count) => Write(windowed, count);

    public static string Time(long epochMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static byte[] Write(Windowed<string> windowed, long? count)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(128);
        buffer.ResetWrittenCount();
        var json = t_json ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        Span<byte> time = stackalloc byte[32];
        json.WriteStartObject();
        json.WriteString("key"u8, windowed.Key);
        json.WriteString("windowStart"u8, FormatTime(windowed.Window.StartMs, time));
        json.WriteString("windowEnd"u8, FormatTime(windowed.Window.EndMs, time));
        if (count is { } value)
        {
            json.WriteNumber("count"u8, value);
        }

        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static ReadOnlySpan<byte> FormatTime(long epochMs, Span<byte> destination) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).TryFormat(destination, out var written, TimeFormat, CultureInfo.InvariantCulture)
            ? destination[..written]
            : throw new FormatException($"Window time {epochMs} does not fit the count record's time format.");
}
