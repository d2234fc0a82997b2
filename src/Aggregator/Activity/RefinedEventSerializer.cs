using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Aggregator.Activity;

/// <summary>
/// The wire format of <c>activity.refined</c> values. Fields are written in one fixed order and absent
/// optional fields are omitted, so <c>Serialize(Deserialize(bytes))</c> reproduces <c>bytes</c> exactly.
/// Strings use relaxed escaping (non-ASCII, '+', '&lt;' stay literal): the output is read by JSON
/// parsers, never embedded in HTML, and literal text is smaller and greppable.
/// </summary>
internal static partial class RefinedEventSerializer
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,

        // Structure comes from this code, and raw segments were validated when parsed.
        SkipValidation = true,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _threadWriter;

    public static byte[] Serialize(RefinedEvent refined)
    {
        var buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        Serialize(refined, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Serialize(RefinedEvent refined, IBufferWriter<byte> destination)
    {
        // One writer per thread, re-pointed at each destination: a Utf8JsonWriter costs ~200 bytes and a
        // finaliser-free dispose, which adds up at hundreds of thousands of records per second.
        var writer = _threadWriter;
        if (writer is null)
        {
            writer = _threadWriter = new Utf8JsonWriter(destination, WriterOptions);
        }
        else
        {
            writer.Reset(destination);
        }

        Write(writer, refined);
        writer.Flush();
        writer.Reset(NullBufferWriter.Instance);
    }

    private static void Write(Utf8JsonWriter writer, RefinedEvent refined)
    {
        writer.WriteStartObject();
        writer.WriteString(RefinedFieldNames.EventId, refined.EventId);
        writer.WriteString(RefinedFieldNames.Type, refined.Type);
        WriteIfPresent(writer, RefinedFieldNames.UserId, refined.UserId);
        WriteIfPresent(writer, RefinedFieldNames.AnonymousId, refined.AnonymousId);
        WriteIfPresent(writer, RefinedFieldNames.SessionId, refined.SessionId);
        WriteTime(writer, RefinedFieldNames.EventTime, refined.EventTime);
        WriteTime(writer, RefinedFieldNames.IngestTime, refined.IngestTime);

        if (refined.Page is { } page)
        {
            writer.WriteStartObject(RefinedFieldNames.Page);
            writer.WriteString(RefinedFieldNames.Host, page.Host);
            writer.WriteString(RefinedFieldNames.Path, page.Path);
            writer.WriteString(RefinedFieldNames.Query, page.Query);
            writer.WriteEndObject();
        }

        WriteIfPresent(writer, RefinedFieldNames.ReferrerHost, refined.ReferrerHost);

        if (refined.Device is { } device)
        {
            writer.WriteStartObject(RefinedFieldNames.Device);
            writer.WriteString(RefinedFieldNames.Class, device.Class);
            writer.WriteString(RefinedFieldNames.Browser, device.Browser);
            writer.WriteString(RefinedFieldNames.Os, device.Os);
            writer.WriteEndObject();
        }

        WriteIfPresent(writer, RefinedFieldNames.Ip, refined.Ip);

        if (!refined.Properties.IsEmpty)
        {
            writer.WritePropertyName(RefinedFieldNames.Properties);
            writer.WriteRawValue(refined.Properties.Span, skipInputValidation: true);
        }

        foreach (var field in refined.ExtraFields)
        {
            writer.WritePropertyName(field.Name);
            writer.WriteRawValue(field.RawValue.Span, skipInputValidation: true);
        }

        writer.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteTime(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset value)
    {
        Span<byte> text = stackalloc byte[UtcTimestamp.Length];
        UtcTimestamp.Format(value, text);
        writer.WriteString(name, text);
    }

    /// <summary>Parks the cached writer between calls so it does not keep the last destination alive.</summary>
    private sealed class NullBufferWriter : IBufferWriter<byte>
    {
        public static readonly NullBufferWriter Instance = new();

        public void Advance(int count)
        {
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => Array.Empty<byte>();

        public Span<byte> GetSpan(int sizeHint = 0) => [];
    }
}
