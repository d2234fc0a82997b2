using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;

namespace Aggregator.Tests.Hosting.Metrics;

/// <summary>End to end through OpenTelemetry's exporter: the names, labels and values docs/metrics.md promises.</summary>
public sealed class PrometheusMetricsEndpointTests
{
    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    [Fact]
    public async Task GetMetrics_ExportsEachInstrumentKind_UnderItsDocumentedName()
    {
        var meterName = "Aggregator.Test" + Guid.NewGuid().ToString("N");
        await using var endpoint = await MetricsEndpoint.StartAsync(o => o.MeterNames = [meterName]);
        using var meter = new Meter(meterName);
        var deadLettered = meter.CreateCounter<long>("aggregator.events.dead_lettered", description: "Raw records sent to the dead-letter topic, by reason.");
        deadLettered.Add(3, Tag("reason", "invalid_json"));
        deadLettered.Add(1, Tag("reason", "oversize"));
        meter.CreateCounter<long>("aggregator.streams.records.processed", unit: "{record}").Add(5, Tag("task", "0_1"));
        var commit = meter.CreateHistogram<double>("aggregator.streams.commit.duration", unit: "s");
        commit.Record(0.02);
        commit.Record(0.3);
        meter.CreateObservableGauge("aggregator.streams.tasks.running", () => 4);
        meter.CreateObservableGauge("aggregator.streams.rocksdb.block_cache_bytes", () => 1024L, unit: "By");
        meter.CreateObservableGauge("aggregator.streams.consumer.lag", () => new Measurement<long>(45, Tag("topic", "activity.raw"), Tag("partition", 3)));
        meter.CreateUpDownCounter<int>("aggregator.test.in_flight").Add(2);

        using var response = await endpoint.Client.GetAsync("/metrics");
        var scrape = Exposition.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("counter", scrape.Family("aggregator_events_dead_lettered_total").Type);
        Assert.Equal("Raw records sent to the dead-letter topic, by reason.", scrape.Family("aggregator_events_dead_lettered_total").Help);
        Assert.Equal(3, scrape.Value("aggregator_events_dead_lettered_total", ("reason", "invalid_json")));
        Assert.Equal(1, scrape.Value("aggregator_events_dead_lettered_total", ("reason", "oversize")));
        Assert.Equal(5, scrape.Value("aggregator_streams_records_processed_total", ("task", "0_1")));
        Assert.Equal("histogram", scrape.Family("aggregator_streams_commit_duration_seconds").Type);
        Assert.Equal(0, scrape.Value("aggregator_streams_commit_duration_seconds_bucket", ("le", "0.01")));
        Assert.Equal(1, scrape.Value("aggregator_streams_commit_duration_seconds_bucket", ("le", "0.025")));
        Assert.Equal(2, scrape.Value("aggregator_streams_commit_duration_seconds_bucket", ("le", "0.5")));
        Assert.Equal(2, scrape.Value("aggregator_streams_commit_duration_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(0.32, scrape.Value("aggregator_streams_commit_duration_seconds_sum"), 9);
        Assert.Equal(2, scrape.Value("aggregator_streams_commit_duration_seconds_count"));
        Assert.Equal("gauge", scrape.Family("aggregator_streams_tasks_running").Type);
        Assert.Equal(4, scrape.Value("aggregator_streams_tasks_running"));
        Assert.Equal(1024, scrape.Value("aggregator_streams_rocksdb_block_cache_bytes"));
        Assert.Equal(45, scrape.Value("aggregator_streams_consumer_lag", ("topic", "activity.raw"), ("partition", "3")));
        Assert.Equal("gauge", scrape.Family("aggregator_test_in_flight").Type);
        Assert.Equal(2, scrape.Value("aggregator_test_in_flight"));

        // Nothing beyond the instruments' own tags: no scope labels, no target_info.
        Assert.DoesNotContain(scrape.Samples, s => s.Labels.Keys.Any(k => k.StartsWith("otel_scope", StringComparison.Ordinal)));
        Assert.False(scrape.HasFamily("target_info"));
    }

    // Prometheus sends Accept-Encoding: gzip; the answer must still be text it can parse (it once came back as gzipped
    // bytes rewritten as text: every real scrape failed with "gzip: invalid header").
    [Fact]
    public async Task GetMetrics_AskedForGzip_AnswersUncompressedText()
    {
        var meterName = "Aggregator.Test" + Guid.NewGuid().ToString("N");
        await using var endpoint = await MetricsEndpoint.StartAsync(o => o.MeterNames = [meterName]);
        using var meter = new Meter(meterName);
        meter.CreateObservableGauge("aggregator.streams.tasks.running", () => 4);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.AcceptEncoding.ParseAdd("gzip");

        using var response = await endpoint.Client.SendAsync(request);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(4, Exposition.Parse(await response.Content.ReadAsStringAsync()).Value("aggregator_streams_tasks_running"));
    }

    [Fact]
    public async Task GetMetrics_ByDefault_ExportsMetersNamedAggregatorStar_CreatedAfterStart()
    {
        var instrument = "aggregator.test_" + Guid.NewGuid().ToString("N");
        await using var endpoint = await MetricsEndpoint.StartAsync();
        using var streams = new Meter("Aggregator.Streams");
        using var other = new Meter("NotAggregator");
        streams.CreateCounter<long>(instrument + ".late").Add(7, Tag("task", "1_0"));
        other.CreateCounter<long>(instrument + ".other").Add(1);

        var scrape = await endpoint.ScrapeAsync();

        Assert.Equal(7, scrape.Value(instrument.Replace('.', '_') + "_late_total", ("task", "1_0")));
        Assert.False(scrape.HasFamily(instrument.Replace('.', '_') + "_other_total"));
    }

    [Fact]
    public async Task GetMetrics_IncludesProcessStartTime_AndRuntimeMetrics()
    {
        await using var endpoint = await MetricsEndpoint.StartAsync(o => o.MeterNames = ["Test." + Guid.NewGuid().ToString("N")]);
        using var process = Process.GetCurrentProcess();
        var expected = new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;

        var scrape = await endpoint.ScrapeAsync();

        Assert.Equal("gauge", scrape.Family("process_start_time_seconds").Type);
        Assert.Equal(expected, scrape.Value("process_start_time_seconds"), 3);
        Assert.True(scrape.Value("dotnet_process_cpu_count") >= 1);
        Assert.True(scrape.HasFamily("dotnet_gc_collections_total"));
    }

    [Fact]
    public async Task GetMetrics_AnswersInTextFormat_WhenOpenMetricsIsPreferred()
    {
        await using var endpoint = await MetricsEndpoint.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");

        using var response = await endpoint.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("# EOF", body, StringComparison.Ordinal);
        Exposition.Parse(body);
    }

    [Fact]
    public async Task GetMetrics_SumsTagCombinationsBeyondTheSeriesLimit_IntoTheOverflowSeries()
    {
        var meterName = "Test." + Guid.NewGuid().ToString("N");
        await using var endpoint = await MetricsEndpoint.StartAsync(o => (o.MeterNames, o.MaxSeriesPerMetric) = ([meterName], 3));
        using var meter = new Meter(meterName);
        var counter = meter.CreateCounter<long>("c");
        foreach (var task in new[] { "0_0", "0_1", "0_2", "0_3", "0_4" })
        {
            counter.Add(1, Tag("task", task));
        }

        var samples = (await endpoint.ScrapeAsync()).Family("c_total").Samples;

        Assert.Equal(5, samples.Sum(s => s.Value));
        Assert.Contains(samples, s => s.Labels.TryGetValue("otel_metric_overflow", out var overflow) && overflow == "true");
        Assert.Equal(3, samples.Count(s => !s.Labels.ContainsKey("otel_metric_overflow")));
    }

    [Fact]
    public async Task GetMetrics_UsesTheInstrumentsBucketAdvice_OverTheConfiguredBounds()
    {
        var meterName = "Test." + Guid.NewGuid().ToString("N");
        await using var endpoint = await MetricsEndpoint.StartAsync(o => o.MeterNames = [meterName]);
        using var meter = new Meter(meterName);
        meter.CreateHistogram<double>("h", "s", null, null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2] }).Record(1.5);

        var buckets = (await endpoint.ScrapeAsync()).Family("h_seconds").Samples.Where(s => s.Name == "h_seconds_bucket");

        Assert.Equal(["1", "2", "+Inf"], buckets.Select(s => s.Labels["le"]));
    }

    [Fact]
    public async Task MapPrometheusMetrics_ServesOnlyGetOnTheGivenPattern()
    {
        var meterName = "Test." + Guid.NewGuid().ToString("N");
        await using var endpoint = await MetricsEndpoint.StartAsync(o => o.MeterNames = [meterName], "/internal/metrics");
        using var meter = new Meter(meterName);
        meter.CreateCounter<int>("c").Add(1);

        using var custom = await endpoint.Client.GetAsync("/internal/metrics");
        using var defaultPath = await endpoint.Client.GetAsync("/metrics");
        using var post = await endpoint.Client.PostAsync("/internal/metrics", new StringContent(""));

        Assert.Equal(HttpStatusCode.OK, custom.StatusCode);
        Assert.Equal(1, Exposition.Parse(await custom.Content.ReadAsStringAsync()).Value("c_total"));
        Assert.Equal(HttpStatusCode.NotFound, defaultPath.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }
}
