using Aggregator.Hosting.Metrics;

namespace Aggregator.Tests.Hosting.Metrics;

public sealed class EmptyLabelSetsTests
{
    [Fact]
    public void Strip_RemovesEmptyBracesAfterTheName_Only()
    {
        const string text = "# HELP a_total Text with {} braces.\n# TYPE a_total counter\na_total{} 3\n# TYPE g gauge\ng{k=\"x{} y\"} 1\n";

        Assert.Equal(
            "# HELP a_total Text with {} braces.\n# TYPE a_total counter\na_total 3\n# TYPE g gauge\ng{k=\"x{} y\"} 1\n",
            EmptyLabelSets.Strip(text));
    }

    [Fact]
    public void Strip_LeavesTextWithoutEmptyBracesAsItIs()
    {
        const string text = "# TYPE g gauge\ng{k=\"v\"} 1\n";

        Assert.Same(text, EmptyLabelSets.Strip(text));
    }
}
