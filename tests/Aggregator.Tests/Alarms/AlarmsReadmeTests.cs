using Aggregator.Alarms;
using Aggregator.Slack;
using Aggregator.Tests.Reports;

namespace Aggregator.Tests.Alarms;

/// <summary>The README's rendered alarms are the real output of the evaluator and <see cref="AlarmMessageBuilder"/>.</summary>
public sealed class AlarmsReadmeTests
{
    private static readonly string Readme = ReadmeExamples.Read("src/Aggregator/Alarms/README.md");

    private static SlackMessage Fired() => AlarmMessageBuilder.Build(AlarmExamples.CheckoutBurst().Fired);

    private static SlackMessage Resolved() => AlarmMessageBuilder.Build(AlarmExamples.CheckoutBurst().Resolved);

    [Fact]
    public void Fire_IsCurrent()
    {
        ReadmeExamples.AssertExample(Readme, "fire-text", SlackTextRenderer.Render(Fired()));
        ReadmeExamples.AssertExample(Readme, "fire-json", ReadmeExamples.IndentedJson(Fired()));
        ReadmeExamples.AssertExample(Readme, "fire-meta", $"id:   {Fired().Id}\ntext: {Fired().Text}");
    }

    [Fact]
    public void Resolve_IsCurrent()
    {
        ReadmeExamples.AssertExample(Readme, "resolve-text", SlackTextRenderer.Render(Resolved()));
        ReadmeExamples.AssertExample(Readme, "resolve-json", ReadmeExamples.IndentedJson(Resolved()));
        ReadmeExamples.AssertExample(Readme, "resolve-meta", $"id:   {Resolved().Id}\ntext: {Resolved().Text}");
    }

    [Fact]
    public void Builtins_AreCurrent()
    {
        var (lag, _) = AlarmExamples.LagOnTwoPartitions();
        var (stall, _) = AlarmExamples.Stall();

        ReadmeExamples.AssertExample(Readme, "lag-text", SlackTextRenderer.Render(AlarmMessageBuilder.Build(lag)));
        ReadmeExamples.AssertExample(Readme, "stalled-text", SlackTextRenderer.Render(AlarmMessageBuilder.Build(stall)));
    }
}
