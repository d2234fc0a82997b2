namespace Aggregator.Tests.Hosting.Metrics;

public sealed class PrometheusMetricsCollectorConcurrencyTests
{
    private const int Threads = 4;
    private const int PerThread = 50_000;

    [Fact]
    public async Task ConcurrentRecording_SumsExactly_EvenWhileScraping()
    {
        using var harness = new CollectorHarness(o => o.HistogramBucketBoundaries = [0.5]);
        var counter = harness.Meter.CreateCounter<long>("c");
        var histogram = harness.Meter.CreateHistogram<double>("h");
        using var start = new Barrier(Threads + 1);
        var workers = Enumerable.Range(0, Threads).Select(worker => Task.Factory.StartNew(() =>
        {
            // Each thread sees new tag sets for the first time concurrently with the others.
            var own = new KeyValuePair<string, object?>("worker", worker);
            var shared = new KeyValuePair<string, object?>("worker", "shared");
            start.SignalAndWait();
            for (var i = 0; i < PerThread; i++)
            {
                counter.Add(1, own);
                counter.Add(2, shared);
                histogram.Record(i % 2 == 0 ? 0.25 : 1.0, shared);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        start.SignalAndWait();
        while (!Task.WhenAll(workers).IsCompleted)
        {
            // Scrapes racing with the writers must stay valid (count == +Inf bucket) and must not lose increments.
            harness.Scrape();
        }

        await Task.WhenAll(workers);
        var scrape = harness.Scrape();
        for (var worker = 0; worker < Threads; worker++)
        {
            Assert.Equal(PerThread, scrape.Value("c_total", ("worker", worker.ToString())));
        }

        Assert.Equal(2.0 * Threads * PerThread, scrape.Value("c_total", ("worker", "shared")));
        Assert.Equal(Threads * PerThread, scrape.Value("h_count", ("worker", "shared")));
        Assert.Equal(Threads * PerThread / 2, scrape.Value("h_bucket", ("worker", "shared"), ("le", "0.5")));
        Assert.Equal(Threads * (PerThread / 2 * 0.25 + PerThread / 2 * 1.0), scrape.Value("h_sum", ("worker", "shared")));
    }

    [Fact]
    public void RecordingASeenTagSet_DoesNotAllocate()
    {
        using var harness = new CollectorHarness();
        var counter = harness.Meter.CreateCounter<long>("c");
        var histogram = harness.Meter.CreateHistogram<double>("h", unit: "s");
        var gauge = harness.Meter.CreateGauge<int>("g");
        KeyValuePair<string, object?>[] tags = [new("task", "0_0"), new("topic", "t"), new("partition", 3)];
        Record(1);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Record(10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(10_001, harness.Scrape().Value("c_total", ("partition", "3"), ("task", "0_0"), ("topic", "t")));

        void Record(int times)
        {
            for (var i = 0; i < times; i++)
            {
                counter.Add(1, tags.AsSpan());
                histogram.Record(0.01, tags.AsSpan());
                gauge.Record(i, tags.AsSpan());
            }
        }
    }
}
