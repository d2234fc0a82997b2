using Aggregator.Alarms;
using Aggregator.Slack;
using Aggregator.Tests.Reports;

namespace Aggregator.Tests.Alarms;

/// <summary>
/// The rendered alarms in the docs are the real output of the evaluator and <see cref="AlarmMessageBuilder"/>: the
/// component README, docs/slack-examples.md, and the text renderings shown in the top-level README.
/// </summary>
public sealed class AlarmsReadmeTests
{
    private const string ComponentReadme = "src/Aggregator/Alarms/README.md";
    private const string SlackExamples = "docs/slack-examples.md";

    private static SlackMessage Fired() => AlarmMessageBuilder.Build(AlarmExamples.CheckoutBurst().Fired);

    private static SlackMessage Resolved() => AlarmMessageBuilder.Build(AlarmExamples.CheckoutBurst().Resolved);

    [Theory]
    [InlineData(ComponentReadme)]
    [InlineData(SlackExamples)]
    public void Fire_IsCurrent(string document)
    {
        var readme = ReadmeExamples.Read(document);
        ReadmeExamples.AssertExample(readme, "fire-text", SlackTextRenderer.Render(Fired()));
        ReadmeExamples.AssertExample(readme, "fire-json", ReadmeExamples.IndentedJson(Fired()));
        ReadmeExamples.AssertExample(readme, "fire-meta", $"id:   {Fired().Id}\ntext: {Fired().Text}");
    }

    [Theory]
    [InlineData(ComponentReadme)]
    [InlineData(SlackExamples)]
    public void Resolve_IsCurrent(string document)
    {
        var readme = ReadmeExamples.Read(document);
        ReadmeExamples.AssertExample(readme, "resolve-text", SlackTextRenderer.Render(Resolved()));
        ReadmeExamples.AssertExample(readme, "resolve-json", ReadmeExamples.IndentedJson(Resolved()));
        ReadmeExamples.AssertExample(readme, "resolve-meta", $"id:   {Resolved().Id}\ntext: {Resolved().Text}");
    }

    [Fact]
    public void TopLevelReadme_ShowsTheCurrentFireAndResolveText()
    {
        var readme = ReadmeExamples.Read("README.md");
        ReadmeExamples.AssertExample(readme, "fire-text", SlackTextRenderer.Render(Fired()));
        ReadmeExamples.AssertExample(readme, "resolve-text", SlackTextRenderer.Render(Resolved()));
    }

    [Theory]
    [InlineData(ComponentReadme)]
    [InlineData(SlackExamples)]
    public void Builtins_AreCurrent(string document)
    {
        var readme = ReadmeExamples.Read(document);
        var (lag, _) = AlarmExamples.LagOnTwoPartitions();
        var (stall, _) = AlarmExamples.Stall();

        ReadmeExamples.AssertExample(readme, "lag-text", SlackTextRenderer.Render(AlarmMessageBuilder.Build(lag)));
        ReadmeExamples.AssertExample(readme, "stalled-text", SlackTextRenderer.Render(AlarmMessageBuilder.Build(stall)));
    }
}
