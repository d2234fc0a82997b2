namespace Aggregator.Demo;

/// <summary>
/// An incident to detect: between <see cref="Start"/> and <see cref="End"/> (event time) errors on /checkout
/// arrive at <see cref="Multiplier"/> times their usual rate.
/// </summary>
internal sealed record AnomalyWindow(DateTimeOffset Start, DateTimeOffset End, double Multiplier)
{
    /// <summary>The window for <paramref name="options"/> on <paramref name="clock"/>; null when no anomaly is configured.</summary>
    public static AnomalyWindow? From(GeneratorOptions options, ReplayClock clock) =>
        options.AnomalyAt is { } at && options.AnomalyMultiplier > 1
            ? new AnomalyWindow(clock.EventStart + at, clock.EventStart + at + options.AnomalyFor, options.AnomalyMultiplier)
            : null;

    public bool Contains(DateTimeOffset eventTime) => eventTime >= Start && eventTime < End;
}
