using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Aggregator.Demo;

/// <summary>
/// Writes an <see cref="ActivityEvent"/> as the UTF-8 JSON object of the raw event contract, optionally with
/// one field broken in a given way (for malformed records). Reuses one buffer: not thread-safe.
/// </summary>
// CA1001: the Utf8JsonWriter writes into a managed buffer and holds nothing to release; reusing it (rather
// than creating and disposing one per event) is a measurable share of the generator's cost at 100k+/s.
#pragma warning disable CA1001
internal sealed class EventWriter
#pragma warning restore CA1001
{
    // Relaxed escaping: real collectors send '&', '+' and non-ASCII as they are, not as \u0026.
    // No structural validation: the writer below is the only author, and tests parse what it writes.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private static readonly string[] NotADate = ["yesterday", "2026-13-45T25:61:00Z", "21/11/2026 10:05:00", "", "NaN"];

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;

    public EventWriter() => _json = new Utf8JsonWriter(_buffer, WriterOptions);

    /// <summary>A field to break when writing, and how.</summary>
    public enum Fault
    {
        None,
        OmitType,
        OmitUser,
        TimestampNotADate,
        TypeAsNumber,
        TimestampAsBoolean,
        UserIdAsNumber,
        Timestamp1970,
        EpochSecondsAsMillis,
    }

    public byte[] Write(ActivityEvent e, Fault fault = Fault.None)
    {
        _buffer.ResetWrittenCount();
        var json = _json;
        json.Reset(_buffer);
        json.WriteStartObject();
        if (e.EventId is not null)
        {
            json.WriteString("eventId", e.EventId);
        }

        switch (fault)
        {
            case Fault.OmitType:
                break;
            case Fault.TypeAsNumber:
                json.WriteNumber("type", e.Type.Length);
                break;
            default:
                json.WriteString("type", e.Type);
                break;
        }

        WriteTimestamp(json, e, fault);
        WriteUser(json, e, fault);
        WriteOptional(json, "sessionId", e.SessionId);
        WriteOptional(json, "url", e.Url);
        WriteOptional(json, "referrer", e.Referrer);
        WriteOptional(json, "userAgent", e.UserAgent);
        WriteOptional(json, "ip", e.Ip);
        WriteProperties(json, e);
        WriteOptional(json, "appVersion", e.AppVersion);
        WriteOptional(json, "experiment", e.Experiment);
        json.WriteEndObject();
        json.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    private static void WriteTimestamp(Utf8JsonWriter json, ActivityEvent e, Fault fault)
    {
        switch (fault)
        {
            case Fault.TimestampNotADate:
                // Cycle through the ways a timestamp goes wrong, chosen by the event's own time to stay deterministic.
                json.WriteString("timestamp", NotADate[(int)(e.Time.ToUnixTimeMilliseconds() % NotADate.Length)]);
                return;
            case Fault.TimestampAsBoolean:
                json.WriteBoolean("timestamp", true);
                return;
            case Fault.Timestamp1970:
                json.WriteString("timestamp", IsoTimestamp.ToString(DateTimeOffset.UnixEpoch.AddMilliseconds(e.Time.Millisecond), e.UtcOffset, TimestampStyle.IsoWithOffset));
                return;
            case Fault.EpochSecondsAsMillis:
                json.WriteNumber("timestamp", e.Time.ToUnixTimeSeconds());
                return;
        }

        if (e.Style == TimestampStyle.EpochMilliseconds)
        {
            json.WriteNumber("timestamp", e.Time.ToUnixTimeMilliseconds());
        }
        else
        {
            Span<byte> text = stackalloc byte[IsoTimestamp.MaxLength];
            json.WriteString("timestamp", text[..IsoTimestamp.Format(e.Time, e.UtcOffset, e.Style, text)]);
        }
    }

    private static void WriteUser(Utf8JsonWriter json, ActivityEvent e, Fault fault)
    {
        switch (fault)
        {
            case Fault.OmitUser:
                return;
            case Fault.UserIdAsNumber:
                // The anonymous id is left out too: with it the record would still identify a user.
                json.WriteNumber("userId", 100_000 + (e.Time.ToUnixTimeMilliseconds() % 900_000));
                return;
        }

        WriteOptional(json, "userId", e.UserId);
        WriteOptional(json, "anonymousId", e.AnonymousId);
    }

    private static void WriteProperties(Utf8JsonWriter json, ActivityEvent e)
    {
        json.WriteStartObject("properties");
        WriteOptional(json, "loadTimeMs", e.LoadTimeMs);
        WriteOptional(json, "elementId", e.ElementId);
        WriteOptional(json, "query", e.Query);
        WriteOptional(json, "results", e.Results);
        WriteOptional(json, "productId", e.ProductId);
        WriteOptional(json, "price", e.Price);
        WriteOptional(json, "quantity", e.Quantity);
        WriteOptional(json, "orderId", e.OrderId);
        WriteOptional(json, "amount", e.Amount);
        WriteOptional(json, "currency", e.Currency);
        WriteOptional(json, "items", e.Items);
        WriteOptional(json, "code", e.ErrorCode);
        WriteOptional(json, "message", e.ErrorMessage);
        if (e.Type == EventTypes.Error)
        {
            json.WriteString("path", e.Path);
        }

        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }
}
