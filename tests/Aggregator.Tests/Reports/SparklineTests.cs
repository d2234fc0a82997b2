using Aggregator.Reports;

namespace Aggregator.Tests.Reports;

public sealed class SparklineTests
{
    [Fact]
    public void Empty_IsEmpty() => Assert.Equal("", Sparkline.Render([]));

    [Fact]
    public void AllZero_IsFlatAtTheBottom() => Assert.Equal("▁▁▁▁", Sparkline.Render([0, 0, 0, 0]));

    [Fact]
    public void AllEqual_IsFlatAtFullHeight() => Assert.Equal("████", Sparkline.Render([7, 7, 7, 7]));

    [Fact]
    public void ScalesToTheMaximum_FromZero() =>
        Assert.Equal("▁▂▃▄▅▆▇█", Sparkline.Render([0, 1, 2, 3, 4, 5, 6, 7]));

    [Fact]
    public void ScalesLargeValues() =>
        Assert.Equal("▅█▁▆", Sparkline.Render([500, 1000, 0, 750])); // 3.5 rounds up to ▅, 5.25 down to ▆

    [Fact]
    public void TinyNonZeroValues_StayAboveZero() =>
        Assert.Equal("▁▂█", Sparkline.Render([0, 1, 1_000_000]));

    [Fact]
    public void NegativeValues_RenderAsZero() =>
        Assert.Equal("▁█", Sparkline.Render([-5, 10]));

    [Fact]
    public void OneCharacterPerValue()
    {
        var values = Enumerable.Range(0, 60).Select(i => (long)(i * i)).ToArray();

        var line = Sparkline.Render(values);

        Assert.Equal(60, line.Length);
        Assert.All(line, c => Assert.Contains(c, Sparkline.Blocks));
        Assert.Equal('█', line[^1]);
    }
}
