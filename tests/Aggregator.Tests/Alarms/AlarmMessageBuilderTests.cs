using Aggregator.Alarms;
using Aggregator.Slack;
using Aggregator.Tests.Reports;
using static Aggregator.Tests.Alarms.AlarmTestData;

namespace Aggregator.Tests.Alarms;

public sealed class AlarmMessageBuilderTests
{
    [Fact]
    public void Ids_AreStable_AndShareTheIncident()
    {
        var (fired, resolved) = AlarmExamples.CheckoutBurst();
        var incident = At(7) / Minute; // the first window of the run that fired started at 10:07

        Assert.Equal($"alarm:checkout-errors:{incident}:fire", AlarmMessageBuilder.Build(fired).Id);
        Assert.Equal($"alarm:checkout-errors:{incident}:resolve", AlarmMessageBuilder.Build(resolved).Id);
        Assert.Equal(AlarmMessageBuilder.Build(fired).Id, AlarmMessageBuilder.Build(AlarmExamples.CheckoutBurst().Fired).Id);
        Assert.Equal(SlackMessageKind.Alarm, AlarmMessageBuilder.Build(fired).Kind);
    }

    [Theory]
    [InlineData("critical", "🔴")]
    [InlineData("warning", "🟠")]
    [InlineData("info", "🔵")]
    public void Fire_HeaderHasTheSeverityEmoji(string name, string emoji)
    {
        var severity = AlarmSeverities.Parse(name);
        var fired = AlarmExamples.CheckoutBurst().Fired with { Severity = severity };

        var json = BlockKitJson.Parse(AlarmMessageBuilder.Build(fired));

        Assert.Equal($"{emoji} checkout-errors is firing ({AlarmSeverities.Name(severity)})", json.TextsOf("header").Single());
        Assert.StartsWith(emoji + " checkout-errors", json.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Fire_SaysWhatMatched_TheValueVsThreshold_TheWindow_AndLinksTheRunbook()
    {
        var json = BlockKitJson.Parse(AlarmMessageBuilder.Build(AlarmExamples.CheckoutBurst().Fired));

        Assert.Equal(
            "*1,030* `error` events on `/checkout/**` in the window 10:07–10:12 UTC (still open): above *1,000*.",
            json.Section("*1,030*"));
        Assert.Equal(
            [
                "*Matched*\ntype error, path /checkout/**",
                "*Observed*\n1,030 (above 1,000)",
                "*Window*\n10:07–10:12 UTC, Sat 21 Nov (open)",
                "*Consecutive windows*\n1",
                "*Severity*\ncritical",
            ],
            json.Blocks.Single(b => b.Type == "section" && b.Texts[0].StartsWith("*Matched*", StringComparison.Ordinal)).Texts);
        Assert.Contains("📖 <https://runbooks.example.com/checkout|Runbook>", json.TextsOf("section"));
        Assert.Equal(["rule `checkout-errors`", "fired Sat 21 Nov 10:12:00 UTC"], json.TextsOf("context"));
        Assert.Equal(
            "🔴 checkout-errors (critical): 1,030 error events on /checkout/** in 10:07–10:12 UTC, above 1,000",
            json.Text);
    }

    [Fact]
    public void Fire_ForSeveralWindows_SaysHowMany()
    {
        var fired = AlarmExamples.CheckoutBurst().Fired with { Windows = 3, WindowClosed = true };

        var json = BlockKitJson.Parse(AlarmMessageBuilder.Build(fired));

        Assert.EndsWith("10:07–10:12 UTC: above *1,000*, 3 consecutive windows.", json.Section("*1,030*"), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SaysItCleared_ForHowLong_AndThePeak()
    {
        var message = AlarmMessageBuilder.Build(AlarmExamples.CheckoutBurst().Resolved);
        var json = BlockKitJson.Parse(message);

        Assert.Equal("✅ Resolved: checkout-errors", json.TextsOf("header").Single());
        Assert.Equal(
            "*540* `error` events on `/checkout/**` in the window 10:13–10:18 UTC, no longer above 1,000. Firing for *7 min*, peak *2,010*.",
            json.Section("*540*"));
        Assert.Contains("*Observed*\n540 (not above 1,000)", json.TextsOf("section"));
        Assert.Contains("*Firing for*\n7 min", json.TextsOf("section"));
        Assert.Equal(["rule `checkout-errors`", "fired Sat 21 Nov 10:12:00 UTC", "resolved Sat 21 Nov 10:19:00 UTC"], json.TextsOf("context"));
        Assert.Contains("*Peak*\n2,010", json.TextsOf("section"));
        Assert.Equal(
            "✅ Resolved: checkout-errors — 540 error events on /checkout/** in 10:13–10:18 UTC (threshold: above 1,000), after 7 min",
            message.Text);
    }

    [Fact]
    public void Below_SaysBelow()
    {
        var (_, transitions) = Run(BelowRule(10), Closed(0, 2));

        var json = BlockKitJson.Parse(AlarmMessageBuilder.Build(transitions[0]));

        Assert.Equal("*2* `purchase` events in the window 10:00–10:05 UTC: below *10*.", json.Section("*2*"));
        Assert.Equal("🟠 no-purchases is firing (warning)", json.TextsOf("header").Single());
        Assert.DoesNotContain(json.TextsOf("section"), t => t.Contains("Runbook", StringComparison.Ordinal));
    }

    [Fact]
    public void DlqSpike_DescribesDeadLetters()
    {
        var rule = new AlarmRule("DlqSpike", AlarmRuleKind.DeadLetters, null, null, above: 100, below: null);
        var (_, transitions) = Run(rule, Open(0, 250));

        var json = BlockKitJson.Parse(AlarmMessageBuilder.Build(transitions[0]));

        Assert.Equal("*250* dead-lettered records in the window 10:00–10:05 UTC (still open): above *100*.", json.Section("*250*"));
        Assert.Contains("*Matched*\ndead-lettered records", json.TextsOf("section"));
    }

    [Fact]
    public void LagGrowing_NamesThePartitions()
    {
        var (fired, resolved) = AlarmExamples.LagOnTwoPartitions();

        var fire = BlockKitJson.Parse(AlarmMessageBuilder.Build(fired));
        var resolve = BlockKitJson.Parse(AlarmMessageBuilder.Build(resolved));

        Assert.StartsWith(
            "Consumer lag keeps growing on *2 of 6* partitions: `activity.raw-1` (9,500), `activity.raw-4` (32,000).",
            fire.Section("Consumer lag"),
            StringComparison.Ordinal);
        Assert.Contains("*Partitions*\nactivity.raw-1 (lag 9,500), activity.raw-4 (lag 32,000)", fire.TextsOf("section"));
        Assert.Equal("🟠 LagGrowing (warning): consumer lag growing on 2 of 6 partitions: activity.raw-1, activity.raw-4", fire.Text);
        Assert.Equal("Consumer lag is no longer growing on `activity.raw-1`, `activity.raw-4` (firing for *12 min*).", resolve.Section("Consumer lag"));
        Assert.StartsWith("alarm:LagGrowing:", AlarmMessageBuilder.Build(fired).Id, StringComparison.Ordinal);
    }

    [Fact]
    public void PipelineStalled_SaysHowLongItHasBeenSilent()
    {
        var (fired, resolved) = AlarmExamples.Stall();

        var fire = BlockKitJson.Parse(AlarmMessageBuilder.Build(fired));
        var resolve = BlockKitJson.Parse(AlarmMessageBuilder.Build(resolved));

        Assert.StartsWith("No input records for *5 min*: the last one arrived at 10:02:13 UTC (limit 5 min).", fire.Section("No input"), StringComparison.Ordinal);
        Assert.Equal("🔴 PipelineStalled (critical): no input records for 5 min (last at 10:02:13 UTC)", fire.Text);
        Assert.Equal("Input resumed: a record arrived at 10:09:40 UTC after *7 min* without input.", resolve.Section("Input resumed"));
        Assert.Contains("*Silent for*\n7 min", resolve.TextsOf("section"));
    }

    [Fact]
    public void TextRendering_ReadsWell()
    {
        var text = SlackTextRenderer.Render(AlarmMessageBuilder.Build(AlarmExamples.CheckoutBurst().Fired));

        Assert.StartsWith("🔴 checkout-errors is firing (critical)\n", text, StringComparison.Ordinal);
        Assert.Contains("\n  Observed             1,030 (above 1,000)\n", text, StringComparison.Ordinal);
        Assert.Contains("\n📖 Runbook (https://runbooks.example.com/checkout)\n", text, StringComparison.Ordinal);
    }
}
