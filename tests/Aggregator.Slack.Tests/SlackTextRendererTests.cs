using Aggregator.Slack.Tests.Testing;

namespace Aggregator.Slack.Tests;

public class SlackTextRendererTests
{
    [Fact]
    public void Render_SummaryLikeMessage_ShowsHeaderFieldsContextAndDivider()
    {
        var text = SlackTextRenderer.Render(Messages.Summary());

        var lines = text.Split('\n');
        Assert.Equal(
            [
                "📊 Activity 10:00–10:10 UTC",
                "===========================",
                "*1,234* events from *56* users",
                "  Logins       120  ▁▂▃▅▇█",
                "  Errors       3",
                "  Top country  NL",
                "----------------------------------------",
                "» window 2026-11-21 10:00–10:10 UTC · aggregator",
            ],
            lines);
    }

    [Fact]
    public void Render_AlarmLikeMessage_MakesMentionsAndLinksReadable()
    {
        var text = SlackTextRenderer.Render(Messages.Alarm());

        var lines = text.Split('\n');
        Assert.Equal("🚨 Error rate above threshold", lines[0]);
        Assert.Equal(
            "@here *312* errors in 10 minutes (threshold *100*) — see the dashboard (https://grafana.example/d/errors)",
            lines[2]);
        Assert.Contains("  Service  checkout", lines);
        Assert.Contains("  Window   10:00–10:10 UTC", lines);
        Assert.Equal("» rule errors-per-10m", lines[^1]);
    }

    [Fact]
    public void Render_DecodesEscapedData()
    {
        var message = new SlackMessageBuilder("m", SlackMessageKind.Alarm).Text("t").Fields(("User", "<b> & co")).Build();

        Assert.Equal("  User  <b> & co", SlackTextRenderer.Render(message));
    }

    [Fact]
    public void Render_IndentsMultiLineFieldValuesUnderTheValueColumn()
    {
        var message = new SlackMessageBuilder("m", SlackMessageKind.Summary).Text("t").Fields(("Top", "a\nb"), ("N", "1")).Build();

        Assert.Equal("  Top  a\n       b\n  N    1", SlackTextRenderer.Render(message));
    }

    [Fact]
    public void Render_OfTextOnlyMessage_IsTheText()
    {
        Assert.Equal("only text", SlackTextRenderer.Render(new SlackMessage("m", SlackMessageKind.Alarm, "only text")));
    }
}
