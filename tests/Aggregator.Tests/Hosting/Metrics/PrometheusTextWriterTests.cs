using Aggregator.Hosting.Metrics;

namespace Aggregator.Tests.Hosting.Metrics;

public sealed class PrometheusTextWriterTests
{
    private static LabelSet Labels(params (string Name, string Value)[] labels) => LabelSet.Create(labels.Select(l => new Label(l.Name, l.Value)));

    [Fact]
    public void ContentType_IsTextFormat004() =>
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", PrometheusTextWriter.ContentType);

    [Fact]
    public void Write_EmptyScrape_IsEmpty() => Assert.Equal("", PrometheusTextWriter.WriteToString([]));

    [Fact]
    public void Write_SortsFamiliesByName_AndSeriesByLabels()
    {
        MetricFamily[] families =
        [
            new("zeta", PrometheusMetricType.Gauge, null, [new ValuePoint(LabelSet.Empty, 1)]),
            new("alpha_total", PrometheusMetricType.Counter, "Alpha.",
            [
                new ValuePoint(Labels(("task", "1_0")), 2),
                new ValuePoint(Labels(("task", "0_1")), 3),
                new ValuePoint(Labels(("task", "0_0")), 4),
            ]),
        ];

        Assert.Equal(
            """
            # HELP alpha_total Alpha.
            # TYPE alpha_total counter
            alpha_total{task="0_0"} 4
            alpha_total{task="0_1"} 3
            alpha_total{task="1_0"} 2
            # TYPE zeta gauge
            zeta 1

            """,
            PrometheusTextWriter.WriteToString(families));
    }

    [Fact]
    public void Write_Histogram_CumulativeBucketsWithInf_ThenSumAndCount()
    {
        MetricFamily[] families =
        [
            new("commit_duration_seconds", PrometheusMetricType.Histogram, "Commit time.",
            [
                new HistogramPoint(Labels(("task", "0_0")), [0.005, 0.1, 1], [1, 3, 3, 4], 12.5),
                new HistogramPoint(LabelSet.Empty, [0.005, 0.1, 1], [0, 0, 0, 0], 0),
            ]),
        ];

        Assert.Equal(
            """
            # HELP commit_duration_seconds Commit time.
            # TYPE commit_duration_seconds histogram
            commit_duration_seconds_bucket{le="0.005"} 0
            commit_duration_seconds_bucket{le="0.1"} 0
            commit_duration_seconds_bucket{le="1"} 0
            commit_duration_seconds_bucket{le="+Inf"} 0
            commit_duration_seconds_sum 0
            commit_duration_seconds_count 0
            commit_duration_seconds_bucket{task="0_0",le="0.005"} 1
            commit_duration_seconds_bucket{task="0_0",le="0.1"} 3
            commit_duration_seconds_bucket{task="0_0",le="1"} 3
            commit_duration_seconds_bucket{task="0_0",le="+Inf"} 4
            commit_duration_seconds_sum{task="0_0"} 12.5
            commit_duration_seconds_count{task="0_0"} 4

            """,
            PrometheusTextWriter.WriteToString(families));
    }

    [Fact]
    public void Write_EscapesHelpAndLabelValues()
    {
        MetricFamily[] families =
        [
            new("g", PrometheusMetricType.Gauge, "Path C:\\tmp\nsecond \"line\"", [new ValuePoint(Labels(("path", "C:\\tmp \"x\"\ny")), 1)]),
        ];

        var text = PrometheusTextWriter.WriteToString(families);

        Assert.Equal(
            """
            # HELP g Path C:\\tmp\nsecond "line"
            # TYPE g gauge
            g{path="C:\\tmp \"x\"\ny"} 1

            """,
            text);
        Assert.Equal("C:\\tmp \"x\"\ny", Exposition.Parse(text).Samples.Single().Labels["path"]);
    }

    [Fact]
    public void Write_SpecialValues()
    {
        MetricFamily[] families =
        [
            new("g", PrometheusMetricType.Gauge, null,
            [
                new ValuePoint(Labels(("v", "a")), double.NaN),
                new ValuePoint(Labels(("v", "b")), double.PositiveInfinity),
                new ValuePoint(Labels(("v", "c")), double.NegativeInfinity),
                new ValuePoint(Labels(("v", "d")), 0.25),
            ]),
        ];

        var lines = PrometheusTextWriter.WriteToString(families).Split('\n');

        Assert.Equal(["g{v=\"a\"} NaN", "g{v=\"b\"} +Inf", "g{v=\"c\"} -Inf", "g{v=\"d\"} 0.25"], lines[1..5]);
    }
}
