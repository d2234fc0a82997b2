namespace Aggregator.Slack.Delivery;

/// <summary>
/// Exponential backoff with full jitter: the wait before attempt n+1 is a random time in
/// [0, min(MaxRetryDelay, BaseRetryDelay·2ⁿ⁻¹)], so clients that failed together do not retry together.
/// Hand-written because Polly's jittered exponential backoff is "decorrelated jitter", whose waits are not
/// bounded by this ceiling; the retry strategy plugs this in as its delay generator.
/// </summary>
internal sealed class SlackBackoff(Func<double>? jitter = null)
{
    private readonly Func<double> _jitter = jitter ?? Random.Shared.NextDouble;

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var ceiling = baseDelay * Math.Pow(2, Math.Min(attempt - 1, 30));
        if (ceiling > maxDelay)
        {
            ceiling = maxDelay;
        }

        return ceiling * _jitter();
    }
}
