using Aggregator.Hosting.Metrics;

namespace Aggregator.Tests.Hosting.Metrics;

public sealed class PrometheusNamesTests
{
    [Theory]
    [InlineData("aggregator.streams.records.processed", "aggregator_streams_records_processed")]
    [InlineData("already_valid:colon", "already_valid:colon")]
    [InlineData("with-dash and space/slash", "with_dash_and_space_slash")]
    [InlineData("café.latency", "caf__latency")]
    [InlineData("9lives", "_9lives")]
    [InlineData("", "_")]
    public void MetricName_ReplacesInvalidCharacters(string instrument, string expected) =>
        Assert.Equal(expected, PrometheusNames.MetricName(instrument));

    [Theory]
    [InlineData("task", "task")]
    [InlineData("http.route", "http_route")]
    [InlineData("a:b", "a_b")]
    [InlineData("1st", "_1st")]
    [InlineData("ünïcode", "_n_code")]
    public void LabelName_ReplacesInvalidCharacters_IncludingColon(string key, string expected) =>
        Assert.Equal(expected, PrometheusNames.LabelName(key));

    [Theory]
    [InlineData("aggregator.events.refined", null, "Counter", "aggregator_events_refined_total")]
    [InlineData("aggregator.reports.total", null, "Counter", "aggregator_reports_total")]
    [InlineData("requests_total", "{request}", "Counter", "requests_total")]
    [InlineData("aggregator.streams.commit.duration", "s", "Histogram", "aggregator_streams_commit_duration_seconds")]
    [InlineData("request.duration.seconds", "s", "Histogram", "request_duration_seconds")]
    [InlineData("payload.size", "By", "Histogram", "payload_size")]
    [InlineData("aggregator.streams.consumer.lag", null, "Gauge", "aggregator_streams_consumer_lag")]
    [InlineData("uptime", "s", "Gauge", "uptime")]
    public void FamilyName_AppliesTypeSuffixes(string instrument, string? unit, string type, string expected) =>
        Assert.Equal(expected, PrometheusNames.FamilyName(instrument, unit, Enum.Parse<PrometheusMetricType>(type)));

    [Fact]
    public void FamilyName_MatchesEveryNameInTheContract()
    {
        // docs/metrics.md is what dashboards are built on: every row's Prometheus name must come out of the mapping.
        var contract = File.ReadAllLines(Path.Combine(RepoRoot(), "docs", "metrics.md"))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Select(cells => (Instrument: cells[1].Trim('`'), Kind: cells[2], Prometheus: cells[4].Trim('`')))
            .ToList();

        Assert.True(contract.Count >= 20, $"only {contract.Count} rows read from docs/metrics.md");
        foreach (var (instrument, kind, prometheus) in contract)
        {
            var (type, unit) = kind switch
            {
                _ when kind.StartsWith("counter", StringComparison.Ordinal) => (PrometheusMetricType.Counter, null),
                _ when kind.StartsWith("histogram (s)", StringComparison.Ordinal) => (PrometheusMetricType.Histogram, "s"),
                _ when kind.StartsWith("gauge", StringComparison.Ordinal) => (PrometheusMetricType.Gauge, (string?)null),
                _ => throw new InvalidOperationException($"unknown kind '{kind}' for {instrument}"),
            };
            Assert.Equal(prometheus, PrometheusNames.FamilyName(instrument, unit, type));
        }
    }

    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "docs", "metrics.md")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("docs/metrics.md not found above " + AppContext.BaseDirectory);
    }
}
