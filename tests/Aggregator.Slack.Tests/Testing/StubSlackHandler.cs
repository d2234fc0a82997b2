using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace Aggregator.Slack.Tests.Testing;

/// <summary>
/// The innermost handler for fake-clock tests: answers from a script (default 200 "ok") without a network and
/// records when, on the fake clock, each request arrived.
/// </summary>
internal sealed class StubSlackHandler(TimeProvider clock) : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly ConcurrentQueue<(DateTimeOffset At, Uri Uri)> _requests = new();

    public IReadOnlyList<(DateTimeOffset At, Uri Uri)> Requests => [.. _requests];

    public void Respond(HttpStatusCode status, string body = "", TimeSpan? retryAfter = null, DateTimeOffset? retryAt = null) =>
        _script.Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
            if (retryAfter is not null)
            {
                response.Headers.RetryAfter = new RetryConditionHeaderValue(retryAfter.Value);
            }

            if (retryAt is not null)
            {
                response.Headers.RetryAfter = new RetryConditionHeaderValue(retryAt.Value);
            }

            return Task.FromResult(response);
        });

    public void Throw(Exception exception) => _script.Enqueue(_ => throw exception);

    /// <summary>Never answers: the request ends only when it is cancelled (by a timeout or the caller).</summary>
    public void Hang() => _script.Enqueue(async cancellationToken =>
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new InvalidOperationException("unreachable");
    });

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue((clock.GetUtcNow(), request.RequestUri!));
        try
        {
            return _script.TryDequeue(out var next)
                ? next(cancellationToken)
                : Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("ok") });
        }
        catch (Exception ex)
        {
            return Task.FromException<HttpResponseMessage>(ex);
        }
    }
}
