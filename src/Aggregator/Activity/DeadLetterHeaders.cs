using System.Globalization;
using System.Text;

namespace Aggregator.Activity;

/// <summary>
/// Headers of an <c>activity.dlq</c> record. The record's key is the original bytes; its value the original with the
/// refined topic's masking applied (<see cref="DeadLetterMasker"/>, <c>dlq.payload</c> says which), so the event can be fixed and replayed; everything about why it is there travels in these headers: reason (one of
/// <see cref="RejectionCodes"/>), detail naming the field and bound, source topic/partition/offset (decimal), and
/// the rejection time (<c>yyyy-MM-ddTHH:mm:ss.fffZ</c>).
/// </summary>
internal static class DeadLetterHeaders
{
    public const string Reason = "dlq.reason";
    public const string Detail = "dlq.detail";
    public const string SourceTopic = "dlq.source.topic";
    public const string SourcePartition = "dlq.source.partition";
    public const string SourceOffset = "dlq.source.offset";
    public const string Time = "dlq.time";

    /// <summary>What the value is: one of <see cref="DeadLetterPayload"/> (masked unless <c>Privacy:DlqKeepRaw</c>).</summary>
    public const string Payload = "dlq.payload";

    /// <summary>
    /// Builds the headers (values UTF-8). Source headers are left out when the position is unknown
    /// (null topic, negative partition or offset), rather than written as misleading placeholders.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, byte[]>> Create(Rejection rejection, SourcePosition source, DateTimeOffset time, string? payload = null)
    {
        var headers = new List<KeyValuePair<string, byte[]>>(6)
        {
            Header(Reason, rejection.Code),
            Header(Detail, rejection.Detail),
        };

        if (source.Topic is not null)
        {
            headers.Add(Header(SourceTopic, source.Topic));
        }

        if (source.Partition >= 0)
        {
            headers.Add(Header(SourcePartition, source.Partition.ToString(CultureInfo.InvariantCulture)));
        }

        if (source.Offset >= 0)
        {
            headers.Add(Header(SourceOffset, source.Offset.ToString(CultureInfo.InvariantCulture)));
        }

        headers.Add(Header(Time, UtcTimestamp.ToString(time)));
        if (payload is not null)
        {
            headers.Add(Header(Payload, payload));
        }

        return headers;
    }

    private static KeyValuePair<string, byte[]> Header(string name, string value) => new(name, Encoding.UTF8.GetBytes(value));
}
