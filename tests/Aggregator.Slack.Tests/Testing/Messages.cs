namespace Aggregator.Slack.Tests.Testing;

/// <summary>Sample messages shaped like the application's reports and alarms.</summary>
internal static class Messages
{
    public static SlackMessage Summary(string id = "summary:2026-11-21T10:00Z") =>
        new SlackMessageBuilder(id, SlackMessageKind.Summary)
            .Text("Activity 10:00–10:10 UTC: 1,234 events from 56 users")
            .Header("📊 Activity 10:00–10:10 UTC")
            .Section("*1,234* events from *56* users")
            .Fields(("Logins", "120  ▁▂▃▅▇█"), ("Errors", "3"), ("Top country", "NL"))
            .Divider()
            .Context("window 2026-11-21 10:00–10:10 UTC", "aggregator")
            .Build();

    public static SlackMessage Alarm(string id = "alarm:error-rate:2026-11-21T10:10Z") =>
        new SlackMessageBuilder(id, SlackMessageKind.Alarm)
            .Header("🚨 Error rate above threshold")
            .Section("<!here> *312* errors in 10 minutes (threshold *100*) — see <https://grafana.example/d/errors|the dashboard>")
            .Fields(("Service", "checkout"), ("Window", "10:00–10:10 UTC"))
            .Context("rule errors-per-10m")
            .Build();
}
