using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Aggregator.Slack.Delivery;

/// <summary>
/// Posts a message to its kind's incoming webhook (a typed HttpClient whose handlers retry, rate-limit and time
/// out each attempt: <see cref="SlackResilience"/>) and classifies the outcome. Every reason it produces is scrubbed of the webhook URL.
/// </summary>
internal sealed class SlackWebhookClient(
    HttpClient http,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackWebhookClient> logger) : ISlackSender
{
    // Slack's error bodies are short codes ("invalid_blocks", "no_service"); anything longer is not worth keeping.
    private const int MaxBodyBytes = 512;
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public async Task<SlackDeliveryResult> SendAsync(SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var webhook = options.Value.WebhookFor(message.Kind);
        if (webhook is null)
        {
            return SlackDeliveryResult.PermanentFailure($"No webhook is configured for {message.Kind} messages.");
        }

        var result = await PostAsync(webhook, message, cancellationToken);
        switch (result.Status)
        {
            case SlackDeliveryStatus.Delivered:
                Log.Delivered(logger, message.Kind, message.Id);
                break;
            case SlackDeliveryStatus.TransientFailure:
                Log.TransientFailure(logger, message.Kind, message.Id, result.Reason);
                break;
            default:
                Log.PermanentFailure(logger, message.Kind, message.Id, result.Reason);
                break;
        }

        return result;
    }

    private async Task<SlackDeliveryResult> PostAsync(Uri webhook, SlackMessage message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook);
        request.Content = new ByteArrayContent(SlackMessageJson.ToWebhookUtf8(message)) { Headers = { ContentType = Json } };
        request.Options.Set(SlackRequestOptions.Kind, message.Kind);
        request.Options.Set(SlackRequestOptions.MessageId, message.Id);
        request.Options.Set(SlackRequestOptions.Started, time.GetTimestamp());
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // Polly hands back the last response when the caller cancels between attempts; a send that was
                // cancelled and did not deliver reports the cancellation, as it does when cancelled in a wait.
                cancellationToken.ThrowIfCancellationRequested();
            }

            return await ClassifyAsync(response, webhook, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            var why = request.Options.TryGetValue(SlackRequestOptions.OutOfTime, out _)
                ? $"Gave up after {nameof(SlackOptions.MaxTotalTime)} ({ex.Timeout.TotalSeconds:0.###} s)."
                : $"Slack did not answer within {ex.Timeout.TotalSeconds:0.###} s.";
            return SlackDeliveryResult.TransientFailure($"timed out: {why}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or OperationCanceledException or IOException)
        {
            var what = ex is TimeoutException or OperationCanceledException ? "timed out" : "network error";
            return SlackDeliveryResult.TransientFailure(SecretRedactor.Redact($"{what}: {ex.Message}", webhook));
        }
    }

    private async Task<SlackDeliveryResult> ClassifyAsync(HttpResponseMessage response, Uri webhook, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return SlackDeliveryResult.Delivered;
        }

        var status = (int)response.StatusCode;
        var body = await ReadBodyAsync(response.Content, cancellationToken);
        var reason = SecretRedactor.Redact(
            $"HTTP {status} {response.ReasonPhrase}".TrimEnd() + (body.Length == 0 ? "" : $": {body}"), webhook);
        return IsTransient(response)
            ? SlackDeliveryResult.TransientFailure(reason, status, RetryAfter.From(response, time))
            : SlackDeliveryResult.PermanentFailure(reason, status);
    }

    // The library's transient set, the one the retries use: 408, 429 and 5xx may succeed later. Every other 4xx
    // is Slack refusing this message or this webhook (400 invalid_blocks, 403 action_prohibited, 404 no_service,
    // 410 channel_is_archived): retrying cannot help.
    private static bool IsTransient(HttpResponseMessage response) =>
        HttpClientResiliencePredicates.IsTransient(Outcome.FromResult(response));

    // The body is read after the handlers' timeouts are over, so it gets a bound of its own; a body that cannot
    // be read does not change the verdict the status code already gave.
    private async Task<string> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await using var stream = await content.ReadAsStreamAsync(linked.Token);
            var buffer = new byte[MaxBodyBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), linked.Token)) > 0)
            {
                length += read;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, length);
            return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return "";
        }
    }
}
