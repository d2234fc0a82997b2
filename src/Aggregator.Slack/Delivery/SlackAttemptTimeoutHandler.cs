using Microsoft.Extensions.Options;

namespace Aggregator.Slack.Delivery;

/// <summary>
/// Bounds one HTTP attempt by <see cref="SlackOptions.RequestTimeout"/> and reports it as a
/// <see cref="TimeoutException"/>, so the retry handler can tell a slow Slack (retry) from the caller
/// cancelling (stop). HttpClient.Timeout is infinite for this client: it would bound all attempts together
/// and look like a cancellation.
/// </summary>
internal sealed class SlackAttemptTimeoutHandler(IOptions<SlackOptions> options, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var timeout = options.Value.RequestTimeout;
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return await base.SendAsync(request, linked.Token);
        }
        catch (OperationCanceledException ex) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Slack did not answer within {timeout.TotalSeconds:0.###} s.", ex);
        }
    }
}
