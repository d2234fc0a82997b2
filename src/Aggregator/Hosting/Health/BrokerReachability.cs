namespace Aggregator.Hosting.Health;

/// <summary>The latest probe's verdict; <see cref="Since"/> is when a broker last answered (or the probing began).</summary>
internal sealed record BrokerReachability(bool Reachable, DateTimeOffset Since, string? Failure)
{
    public string Describe() => Reachable
        ? "brokers reachable"
        : $"no broker reachable since {Since.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}" + (Failure is null ? string.Empty : $" ({Failure})");
}
