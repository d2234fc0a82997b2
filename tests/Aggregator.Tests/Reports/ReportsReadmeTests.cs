using Aggregator.Reports;
using Aggregator.Slack;
using static Aggregator.Tests.Reports.SummaryExamples;

namespace Aggregator.Tests.Reports;

/// <summary>The README's rendered summary is the real output of <see cref="SummaryMessageBuilder"/>.</summary>
public sealed class ReportsReadmeTests
{
    private static readonly string Readme = ReadmeExamples.Read("src/Aggregator/Reports/README.md");

    private static SlackMessage Summary() => SummaryMessageBuilder.Build(Current, Previous, Footer, new SummaryOptions());

    [Fact]
    public void SummaryText_IsCurrent() =>
        ReadmeExamples.AssertExample(Readme, "summary-text", SlackTextRenderer.Render(Summary()));

    [Fact]
    public void SummaryJson_IsCurrent() =>
        ReadmeExamples.AssertExample(Readme, "summary-json", ReadmeExamples.IndentedJson(Summary()));

    [Fact]
    public void SummaryFallback_IsCurrent() =>
        ReadmeExamples.AssertExample(Readme, "summary-fallback", Summary().Text);
}
