using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aggregator.Slack.Serialization;

[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(WebhookPayload))]
[JsonSerializable(typeof(MessageRecord))]
internal sealed partial class SlackJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context to use. The default encoder escapes all non-ASCII and HTML-sensitive characters; the JSON only
    /// ever goes to Slack or a JSON-lines file, never into HTML, so the relaxed encoder keeps sparklines, "–" and
    /// "&lt;url|label&gt;" readable in the file sink and in the README.
    /// </summary>
    public static SlackJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
