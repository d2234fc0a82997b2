using Aggregator.Demo;

namespace Aggregator.Cli;

/// <summary>
/// Defaults of the zero-setup demo, layered under appsettings, environment and flags: the generator's demo preset
/// (replayed event time, a /checkout error burst, two opted-out users) and an alarm rule that the burst trips.
/// </summary>
internal static class DemoDefaults
{
    /// <summary>The demo's broker lives in memory, so its state starts empty every run: so does this directory.</summary>
    public static string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), "aggregator-demo-state");

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(DemoPreset.Settings, StringComparer.OrdinalIgnoreCase)
    {
        ["Status:Interval"] = "00:00:05",
        ["Streams:StateDirectory"] = StateDirectory,
        ["Streams:InstanceId"] = "demo",
        ["Alarms:Rules:0:Name"] = "checkout-errors",
        ["Alarms:Rules:0:Type"] = "error",
        ["Alarms:Rules:0:Path"] = "/checkout",
        ["Alarms:Rules:0:Above"] = DemoPreset.SuggestedCheckoutErrorThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Alarms:Rules:0:Severity"] = "critical",
    };
}
