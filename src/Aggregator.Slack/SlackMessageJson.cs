using System.Text.Json;
using Aggregator.Slack.Serialization;

namespace Aggregator.Slack;

/// <summary>
/// JSON forms of a <see cref="SlackMessage"/>, through a source-generated serializer context.
/// </summary>
public static class SlackMessageJson
{
    /// <summary>The exact incoming-webhook body: <c>{"text":"…","blocks":[…]}</c>.</summary>
    public static string ToWebhookJson(SlackMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.Serialize(WireMapper.ToPayload(message), SlackJsonContext.Relaxed.WebhookPayload);
    }

    /// <summary>
    /// The whole message on one line, <c>{"id","kind","text","blocks"}</c>, for an outbox to persist;
    /// <see cref="FromJson"/> reads it back.
    /// </summary>
    public static string ToJson(SlackMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.Serialize(WireMapper.ToRecord(message), SlackJsonContext.Relaxed.MessageRecord);
    }

    /// <summary>Reads what <see cref="ToJson"/> (or the file sink) wrote.</summary>
    /// <exception cref="JsonException">The JSON is not a message.</exception>
    public static SlackMessage FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var record = JsonSerializer.Deserialize(json, SlackJsonContext.Relaxed.MessageRecord)
            ?? throw new JsonException("Expected a message object, found null.");
        try
        {
            return WireMapper.FromRecord(record);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new JsonException($"Not a valid message: {ex.Message}", ex);
        }
    }

    internal static byte[] ToWebhookUtf8(SlackMessage message) =>
        JsonSerializer.SerializeToUtf8Bytes(WireMapper.ToPayload(message), SlackJsonContext.Relaxed.WebhookPayload);
}
