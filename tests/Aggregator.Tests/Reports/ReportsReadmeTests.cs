using Aggregator.Reports;
using Aggregator.Slack;
using static Aggregator.Tests.Reports.SummaryExamples;

namespace Aggregator.Tests.Reports;

/// <summary>
/// The rendered summaries in the docs are the real output of <see cref="SummaryMessageBuilder"/>: the component README,
/// docs/slack-examples.md, and the text rendering shown in the top-level README.
/// </summary>
public sealed class ReportsReadmeTests
{
    private static SlackMessage Summary() => SummaryMessageBuilder.Build(Current, Previous, Footer, new SummaryOptions());

    [Theory]
    [InlineData("src/Aggregator/Reports/README.md")]
    [InlineData("docs/slack-examples.md")]
    [InlineData("README.md")]
    public void SummaryText_IsCurrent(string document) =>
        ReadmeExamples.AssertExample(ReadmeExamples.Read(document), "summary-text", SlackTextRenderer.Render(Summary()));

    [Theory]
    [InlineData("src/Aggregator/Reports/README.md")]
    [InlineData("docs/slack-examples.md")]
    public void SummaryJson_IsCurrent(string document) =>
        ReadmeExamples.AssertExample(ReadmeExamples.Read(document), "summary-json", ReadmeExamples.IndentedJson(Summary()));

    [Theory]
    [InlineData("src/Aggregator/Reports/README.md")]
    [InlineData("docs/slack-examples.md")]
    public void SummaryFallback_IsCurrent(string document) =>
        ReadmeExamples.AssertExample(ReadmeExamples.Read(document), "summary-fallback", Summary().Text);

    // The first summary after a catch-up (Reports:MaxCatchUp): the docs show it as the channel reads it.
    [Fact]
    public void CatchUpSummaryText_IsCurrent() =>
        ReadmeExamples.AssertExample(
            ReadmeExamples.Read("docs/slack-examples.md"),
            "summary-catch-up-text",
            SlackTextRenderer.Render(SummaryMessageBuilder.Build(Current, Previous, Footer, new SummaryOptions(), CaughtUp)));
}
