using System.Diagnostics.Metrics;
using Aggregator.Hosting.Metrics;
using Aggregator.Tests.Demo;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aggregator.Tests.Hosting.Metrics;

public sealed class PrometheusMetricsCollectorTests
{
    [Fact]
    public void Counter_SumsPerTagSet_UnderItsTotalName()
    {
        using var harness = new CollectorHarness();
        var counter = harness.Meter.CreateCounter<long>("aggregator.streams.records.processed", description: "Records processed.");

        counter.Add(2, new KeyValuePair<string, object?>("task", "0_0"));
        counter.Add(3, new KeyValuePair<string, object?>("task", "0_1"));
        counter.Add(5, new KeyValuePair<string, object?>("task", "0_0"));

        var scrape = harness.Scrape();
        var family = scrape.Family("aggregator_streams_records_processed_total");
        Assert.Equal("counter", family.Type);
        Assert.Equal("Records processed.", family.Help);
        Assert.Equal(7, scrape.Value("aggregator_streams_records_processed_total", ("task", "0_0")));
        Assert.Equal(3, scrape.Value("aggregator_streams_records_processed_total", ("task", "0_1")));
        Assert.Equal(2, family.Samples.Count);
    }

    [Fact]
    public void Counter_AlreadyEndingInTotal_IsNotSuffixedTwice()
    {
        using var harness = new CollectorHarness();
        harness.Meter.CreateCounter<int>("jobs.total").Add(1);

        var scrape = harness.Scrape();

        Assert.Equal(1, scrape.Value("jobs_total"));
        Assert.False(scrape.HasFamily("jobs_total_total"));
    }

    [Fact]
    public void Counter_IgnoresNegativeAndNonFiniteIncrements()
    {
        using var harness = new CollectorHarness();
        var counter = harness.Meter.CreateCounter<double>("c");

        counter.Add(1.5);
        counter.Add(-1);
        counter.Add(double.NaN);
        counter.Add(double.PositiveInfinity);
        counter.Add(0.25);

        Assert.Equal(1.75, harness.Scrape().Value("c_total"));
    }

    [Fact]
    public void CounterWithoutMeasurements_IsNotWritten()
    {
        using var harness = new CollectorHarness();
        harness.Meter.CreateCounter<long>("idle");

        Assert.Equal("", harness.ScrapeText());
    }

    [Fact]
    public void UpDownCounter_IsAGaugeOfTheSum()
    {
        using var harness = new CollectorHarness();
        var counter = harness.Meter.CreateUpDownCounter<int>("aggregator.slack.outbox.pending");

        counter.Add(5);
        counter.Add(-2);

        var scrape = harness.Scrape();
        Assert.Equal("gauge", scrape.Family("aggregator_slack_outbox_pending").Type);
        Assert.Equal(3, scrape.Value("aggregator_slack_outbox_pending"));
    }

    [Fact]
    public void Gauge_KeepsTheLastValuePerTagSet()
    {
        using var harness = new CollectorHarness();
        var gauge = harness.Meter.CreateGauge<long>("aggregator.streams.consumer.lag");

        gauge.Record(10, new("topic", "t"), new("partition", 0));
        gauge.Record(4, new("topic", "t"), new("partition", 0));
        gauge.Record(7, new("topic", "t"), new("partition", 1));

        var scrape = harness.Scrape();
        Assert.Equal("gauge", scrape.Family("aggregator_streams_consumer_lag").Type);
        Assert.Null(scrape.Family("aggregator_streams_consumer_lag").Help);
        Assert.Equal(4, scrape.Value("aggregator_streams_consumer_lag", ("partition", "0"), ("topic", "t")));
        Assert.Equal(7, scrape.Value("aggregator_streams_consumer_lag", ("partition", "1"), ("topic", "t")));
    }

    [Fact]
    public void ObservableCounter_IsReadAtEachScrape()
    {
        using var harness = new CollectorHarness();
        long total = 10;
        var calls = 0;
        harness.Meter.CreateObservableCounter("aggregator.streams.restore.records", () =>
        {
            calls++;
            return total;
        });

        Assert.Equal(0, calls);
        Assert.Equal(10, harness.Scrape().Value("aggregator_streams_restore_records_total"));
        total = 25;
        var scrape = harness.Scrape();

        Assert.Equal("counter", scrape.Family("aggregator_streams_restore_records_total").Type);
        Assert.Equal(25, scrape.Value("aggregator_streams_restore_records_total"));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void ObservableGauge_IsReadAtScrape_WithTags()
    {
        using var harness = new CollectorHarness();
        var remaining = 100;
        harness.Meter.CreateObservableGauge("aggregator.streams.restore.remaining", () => new[]
        {
            new Measurement<int>(remaining, new KeyValuePair<string, object?>("task", "0_0"), new("store", "counts")),
            new Measurement<int>(remaining / 2, new KeyValuePair<string, object?>("task", "0_1"), new("store", "counts")),
        });

        remaining = 40;
        var scrape = harness.Scrape();

        Assert.Equal("gauge", scrape.Family("aggregator_streams_restore_remaining").Type);
        Assert.Equal(40, scrape.Value("aggregator_streams_restore_remaining", ("store", "counts"), ("task", "0_0")));
        Assert.Equal(20, scrape.Value("aggregator_streams_restore_remaining", ("store", "counts"), ("task", "0_1")));
    }

    [Fact]
    public void ObservableGauge_TagSetNoLongerReported_Disappears()
    {
        using var harness = new CollectorHarness();
        var partitions = new List<int> { 0, 1 };
        harness.Meter.CreateObservableGauge("lag", () => partitions.Select(p => new Measurement<long>(p * 10, new KeyValuePair<string, object?>("partition", p))).ToList());

        Assert.Equal(2, harness.Scrape().Family("lag").Samples.Count);
        partitions.Remove(0);
        var afterRevoke = harness.Scrape();
        partitions.Add(0);
        var afterReassign = harness.Scrape();

        Assert.Equal(["1"], afterRevoke.Family("lag").Samples.Select(s => s.Labels["partition"]));
        Assert.Equal(0, afterReassign.Value("lag", ("partition", "0")));
        Assert.Equal(10, afterReassign.Value("lag", ("partition", "1")));
    }

    [Fact]
    public void ObservableGauge_NaN_IsWrittenAsNaN()
    {
        using var harness = new CollectorHarness();
        harness.Meter.CreateObservableGauge("ratio", () => double.NaN);

        Assert.Contains("\nratio NaN\n", harness.ScrapeText(), StringComparison.Ordinal);
    }

    [Fact]
    public void ObservableUpDownCounter_IsAGaugeOfTheObservedValue()
    {
        using var harness = new CollectorHarness();
        harness.Meter.CreateObservableUpDownCounter("aggregator.streams.tasks.running", () => -3);

        var scrape = harness.Scrape();

        Assert.Equal("gauge", scrape.Family("aggregator_streams_tasks_running").Type);
        Assert.Equal(-3, scrape.Value("aggregator_streams_tasks_running"));
    }

    [Fact]
    public void ObservableCallbackThatThrows_DoesNotHideTheOtherInstruments()
    {
        var logger = new ListLogger<PrometheusMetricsCollector>();
        using var harness = new CollectorHarness(logger: logger);
        harness.Meter.CreateObservableGauge("broken", new Func<int>(() => throw new InvalidOperationException("boom")));
        harness.Meter.CreateObservableGauge("fine", () => 1);
        harness.Meter.CreateCounter<int>("counted").Add(2);

        var scrape = harness.Scrape();

        Assert.Equal(1, scrape.Value("fine"));
        Assert.Equal(2, scrape.Value("counted_total"));
        Assert.False(scrape.HasFamily("broken"));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("callback failed", StringComparison.Ordinal));
    }

    [Fact]
    public void Histogram_InSeconds_HasCumulativeBucketsInfSumAndCount()
    {
        using var harness = new CollectorHarness(o => o.HistogramBucketBoundaries = [0.01, 0.1, 1]);
        var histogram = harness.Meter.CreateHistogram<double>("aggregator.streams.commit.duration", unit: "s", description: "Commit time.");

        foreach (var seconds in new[] { 0.005, 0.01, 0.05, 0.5, 0.7, 3 })
        {
            histogram.Record(seconds);
        }

        var text = harness.ScrapeText();

        Assert.Equal(
            """
            # HELP aggregator_streams_commit_duration_seconds Commit time.
            # TYPE aggregator_streams_commit_duration_seconds histogram
            aggregator_streams_commit_duration_seconds_bucket{le="0.01"} 2
            aggregator_streams_commit_duration_seconds_bucket{le="0.1"} 3
            aggregator_streams_commit_duration_seconds_bucket{le="1"} 5
            aggregator_streams_commit_duration_seconds_bucket{le="+Inf"} 6
            aggregator_streams_commit_duration_seconds_sum 4.265
            aggregator_streams_commit_duration_seconds_count 6

            """,
            text);
        Exposition.Parse(text);
    }

    [Fact]
    public void Histogram_UsesDefaultSecondBoundaries_AndNoSuffixForOtherUnits()
    {
        using var harness = new CollectorHarness();
        harness.Meter.CreateHistogram<int>("batch.size", unit: "{record}").Record(3);

        var scrape = harness.Scrape();
        var buckets = scrape.Family("batch_size").Samples.Where(s => s.Name == "batch_size_bucket").Select(s => s.Labels["le"]);

        Assert.Equal(["0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"], buckets);
        Assert.Equal(0, scrape.Value("batch_size_bucket", ("le", "2.5")));
        Assert.Equal(1, scrape.Value("batch_size_bucket", ("le", "5")));
        Assert.Equal(3, scrape.Value("batch_size_sum"));
    }

    [Fact]
    public void Histogram_InstrumentAdvice_OverridesTheDefaultBoundaries()
    {
        using var harness = new CollectorHarness();
        harness.Meter.CreateHistogram("payload", unit: "By", description: null, tags: null,
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [100, 1000] }).Record(500);

        var buckets = harness.Scrape().Family("payload").Samples.Where(s => s.Name == "payload_bucket");

        Assert.Equal([("100", 0.0), ("1000", 1.0), ("+Inf", 1.0)], buckets.Select(b => (b.Labels["le"], b.Value)));
    }

    [Fact]
    public void Histogram_PerTagSet_AndIgnoresNaN()
    {
        using var harness = new CollectorHarness(o => o.HistogramBucketBoundaries = [1]);
        var histogram = harness.Meter.CreateHistogram<double>("h", unit: "s");

        histogram.Record(0.5, new KeyValuePair<string, object?>("task", "a"));
        histogram.Record(2, new KeyValuePair<string, object?>("task", "b"));
        histogram.Record(double.NaN, new KeyValuePair<string, object?>("task", "b"));

        var scrape = harness.Scrape();
        Assert.Equal(1, scrape.Value("h_seconds_bucket", ("task", "a"), ("le", "1")));
        Assert.Equal(0, scrape.Value("h_seconds_bucket", ("task", "b"), ("le", "1")));
        Assert.Equal(1, scrape.Value("h_seconds_count", ("task", "b")));
        Assert.Equal(2, scrape.Value("h_seconds_sum", ("task", "b")));
    }

    [Fact]
    public void TagsInAnotherOrderOrOfAnotherType_AreTheSameSeries()
    {
        using var harness = new CollectorHarness();
        var counter = harness.Meter.CreateCounter<int>("c");

        counter.Add(1, new("topic", "t"), new("partition", 1));
        counter.Add(2, new("partition", 1), new("topic", "t"));
        counter.Add(4, new("partition", "1"), new("topic", "t"));
        counter.Add(8, new("partition", 2), new("topic", "t"));

        var family = harness.Scrape().Family("c_total");
        Assert.Equal([("1", 7.0), ("2", 8.0)], family.Samples.Select(s => (s.Labels["partition"], s.Value)));
    }

    [Fact]
    public void InstrumentTags_AreLabels()
    {
        using var harness = new CollectorHarness();
        var counter = harness.Meter.CreateCounter<int>("c", unit: null, description: null, tags: [new("store", "counts")]);

        counter.Add(1, new KeyValuePair<string, object?>("task", "0_0"));

        Assert.Equal(1, harness.Scrape().Value("c_total", ("store", "counts"), ("task", "0_0")));
    }

    [Fact]
    public void TagKeysAndValues_AreSanitisedAndEscaped()
    {
        using var harness = new CollectorHarness();
        harness.Meter.CreateCounter<int>("weird-name.with spaces").Add(1, new("http.route", "/a\"b\\c\nd"), new("9x", "y"));

        var text = harness.ScrapeText();

        Assert.Contains("weird_name_with_spaces_total{_9x=\"y\",http_route=\"/a\\\"b\\\\c\\nd\"} 1\n", text, StringComparison.Ordinal);
        Assert.Equal("/a\"b\\c\nd", Exposition.Parse(text).Samples.Single().Labels["http_route"]);
    }

    [Fact]
    public void MetersNotMatchingTheFilter_AreIgnored()
    {
        using var harness = new CollectorHarness();
        using var other = new Meter(harness.MeterName + "X");
        using var child = new Meter(harness.MeterName + ".Child");
        other.CreateCounter<int>("other").Add(1);
        child.CreateCounter<int>("child").Add(1);
        harness.Meter.CreateCounter<int>("mine").Add(1);

        Assert.Equal(["child_total", "mine_total"], harness.Scrape().Families.Select(f => f.Name));
    }

    [Fact]
    public void DefaultOptions_ExportTheAggregatorMeters()
    {
        var suffix = Guid.NewGuid().ToString("N");
        using var collector = new PrometheusMetricsCollector(Options.Create(new PrometheusMetricsOptions()), NullLogger<PrometheusMetricsCollector>.Instance);
        collector.Start();
        using var app = new Meter("Aggregator.Test" + suffix);
        using var lookalike = new Meter("AggregatorTest" + suffix);
        app.CreateCounter<int>("app." + suffix).Add(1);
        lookalike.CreateCounter<int>("lookalike." + suffix).Add(1);

        var names = Exposition.Parse(PrometheusTextWriter.WriteToString(collector.Collect())).Families.Select(f => f.Name).ToList();

        Assert.Contains($"app_{suffix}_total", names);
        Assert.DoesNotContain($"lookalike_{suffix}_total", names);
    }

    [Fact]
    public void InstrumentsCreatedBeforeOrAfterStart_AreBothPickedUp()
    {
        using var harness = new CollectorHarness(start: false);
        var early = harness.Meter.CreateCounter<int>("early");
        harness.Collector.Start();
        var late = harness.Meter.CreateCounter<int>("late");
        using var lateMeter = new Meter(harness.MeterName);
        var lateMeterCounter = lateMeter.CreateCounter<int>("late.meter");

        early.Add(1);
        late.Add(2);
        lateMeterCounter.Add(3);

        var scrape = harness.Scrape();
        Assert.Equal(1, scrape.Value("early_total"));
        Assert.Equal(2, scrape.Value("late_total"));
        Assert.Equal(3, scrape.Value("late_meter_total"));
    }

    [Fact]
    public void MeasurementsBeforeStart_AreNotCounted()
    {
        using var harness = new CollectorHarness(start: false);
        var counter = harness.Meter.CreateCounter<int>("c");

        counter.Add(1);
        harness.Collector.Start();
        counter.Add(2);

        Assert.Equal(2, harness.Scrape().Value("c_total"));
    }

    [Fact]
    public void SameInstrumentOnTwoMeterObjects_AddsUp()
    {
        using var harness = new CollectorHarness();
        using var second = new Meter(harness.MeterName);

        harness.Meter.CreateCounter<long>("c").Add(1);
        second.CreateCounter<long>("c").Add(2);

        Assert.Equal(3, harness.Scrape().Value("c_total"));
    }

    [Fact]
    public void InstrumentsMappingToOneNameWithOtherSemantics_FirstKeepsTheName()
    {
        var logger = new ListLogger<PrometheusMetricsCollector>();
        using var harness = new CollectorHarness(logger: logger);
        harness.Meter.CreateCounter<int>("jobs").Add(1);
        harness.Meter.CreateUpDownCounter<int>("jobs.total").Add(5);

        var scrape = harness.Scrape();

        Assert.Equal("counter", scrape.Family("jobs_total").Type);
        Assert.Equal(1, scrape.Value("jobs_total"));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("jobs.total", StringComparison.Ordinal));
    }

    [Fact]
    public void DisposedMeter_ItsFamiliesDisappear()
    {
        using var harness = new CollectorHarness();
        var other = new Meter(harness.MeterName);
        other.CreateCounter<int>("gone").Add(1);
        harness.Meter.CreateCounter<int>("kept").Add(1);
        Assert.True(harness.Scrape().HasFamily("gone_total"));

        other.Dispose();

        Assert.Equal(["kept_total"], harness.Scrape().Families.Select(f => f.Name));
    }

    [Fact]
    public void SeriesBeyondTheLimit_AreSummedIntoTheOverflowSeries()
    {
        var logger = new ListLogger<PrometheusMetricsCollector>();
        using var harness = new CollectorHarness(o => o.MaxSeriesPerMetric = 2, logger);
        var counter = harness.Meter.CreateCounter<int>("c");

        for (var id = 0; id < 5; id++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("id", id));
            counter.Add(1, new KeyValuePair<string, object?>("id", id));
        }

        var scrape = harness.Scrape();
        Assert.Equal(3, scrape.Family("c_total").Samples.Count);
        Assert.Equal(2, scrape.Value("c_total", ("id", "0")));
        Assert.Equal(2, scrape.Value("c_total", ("id", "1")));
        Assert.Equal(6, scrape.Value("c_total", ("otel_metric_overflow", "true")));
        Assert.Single(logger.Entries, e => e.Message.Contains("reached 2 series", StringComparison.Ordinal));
    }

    [Fact]
    public void Dispose_StopsListening()
    {
        var harness = new CollectorHarness();
        var counter = harness.Meter.CreateCounter<int>("c");
        counter.Add(1);

        harness.Collector.Dispose();
        counter.Add(1);

        Assert.Empty(harness.Collector.Collect());
        Assert.False(counter.Enabled);
        harness.Meter.Dispose();
    }

    [Fact]
    public void EveryInstrumentKind_TogetherGivesAValidExposition()
    {
        using var harness = new CollectorHarness();
        var meter = harness.Meter;
        meter.CreateCounter<byte>("k.byte").Add(1);
        meter.CreateCounter<short>("k.short").Add(2, new KeyValuePair<string, object?>("a", "x"));
        meter.CreateCounter<decimal>("k.decimal").Add(2.5m);
        meter.CreateCounter<float>("k.float").Add(0.5f);
        meter.CreateUpDownCounter<long>("k.updown").Add(-4);
        meter.CreateGauge<double>("k.gauge", unit: "s").Record(double.NegativeInfinity);
        meter.CreateHistogram<float>("k.histogram", unit: "s").Record(0.2f, new KeyValuePair<string, object?>("b", 1));
        meter.CreateObservableCounter("k.observable.counter", () => 3.0, description: "Multi\nline \\ help");
        meter.CreateObservableGauge("k.observable.gauge", () => new Measurement<int>(1, new KeyValuePair<string, object?>("q", "\"")));
        meter.CreateObservableUpDownCounter("k.observable.updown", () => 0L);

        var scrape = harness.Scrape();

        Assert.Equal(
            ["k_byte_total", "k_decimal_total", "k_float_total", "k_gauge", "k_histogram_seconds", "k_observable_counter_total",
             "k_observable_gauge", "k_observable_updown", "k_short_total", "k_updown"],
            scrape.Families.Select(f => f.Name));
        Assert.Equal(2.5, scrape.Value("k_decimal_total"));
        Assert.Equal("Multi\nline \\ help", scrape.Family("k_observable_counter_total").Help);
        Assert.Equal(1, scrape.Value("k_histogram_seconds_count", ("b", "1")));
    }
}
