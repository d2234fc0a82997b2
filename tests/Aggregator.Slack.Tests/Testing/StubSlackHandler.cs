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
    private readonly ConcurrentQueue<Func<HttpResponseMessage>> _script = new();
    private readonly ConcurrentQueue<(DateTimeOffset At, Uri Uri)> _requests = new();

    public IReadOnlyList<(DateTimeOffset At, Uri Uri)> Requests => [.. _requests];

    public void Respond(HttpStatusCode status, string body = "", TimeSpan? retryAfter = null, DateTimeOffset? retryAt = null) =>
        _script.Enqueue(() =>
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

            return response;
        });

    public void Throw(Exception exception) => _script.Enqueue(() => throw exception);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue((clock.GetUtcNow(), request.RequestUri!));
        try
        {
            var response = _script.TryDequeue(out var next)
                ? next()
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("ok") };
            return Task.FromResult(response);
        }
        catch (Exception ex)
        {
            return Task.FromException<HttpResponseMessage>(ex);
        }
    }
}
