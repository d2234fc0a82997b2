using System.Buffers;
using System.Text.Json;
using Aggregator.Activity;

namespace Aggregator.Privacy;

/// <summary>
/// The value of a <c>privacy.erasures</c> record (key: the identity): which identity opted out, when, and the range of
/// ingest time in which this worker may have written its data — downstream deletes that identity's records in that range
/// (docs/privacy.md). <c>heldUntil</c> lies a little after the notice: events already past the last opt-out check when
/// the opt-out was read may still be written for a few commit intervals.
/// </summary>
internal static class ErasureNotice
{
    /// <summary>How long after the notice in-flight events of the identity may still be written (many commit intervals).</summary>
    public static readonly TimeSpan InFlightMargin = TimeSpan.FromMinutes(1);

    public static byte[] Json(string identity, DateTimeOffset optedOutAt, DateTimeOffset noticeTime, TimeSpan heldFor)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("identity", identity);
            json.WriteString("optedOutAt", UtcTimestamp.ToString(optedOutAt));
            json.WriteString("heldFrom", UtcTimestamp.ToString(optedOutAt - heldFor));
            json.WriteString("heldUntil", UtcTimestamp.ToString(noticeTime + InFlightMargin));
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
