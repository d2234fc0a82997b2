using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Aggregator.IntegrationTests.Infrastructure;
using Aggregator.IntegrationTests.Pipeline;
using Confluent.Kafka;

namespace Aggregator.IntegrationTests.Operations;

/// <summary>
/// The worker as an operator sees it, as a separate process on the embedded broker: /metrics has the series a
/// dashboard needs; /counts answers what activity.counts says; SIGTERM stops it cleanly with offsets committed (a
/// restart reprocesses nothing); with its state directory gone it restores, and /health/ready says so meanwhile.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class OperationsEndpointTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("agg-ops-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Metrics_Counts_GracefulStop_AndRestore_BehaveAsDocumented()
    {
        var settings = ThrowawayApp.Settings(kafka.BootstrapServers, "ops", partitions: 6);
        settings["Streams:InstanceId"] = "ops";
        settings["Streams:StateDirectory"] = Path.Combine(_work, "state");
        settings["Status:Interval"] = "00:00:02";
        ThrowawayApp.CreateTopics(kafka, settings);

        var input = ActivityInput.Generate(events: 20_000, users: 400, minutes: 30, seed: 5, DateTimeOffset.UtcNow.AddMinutes(-45));
        using (var producer = kafka.CreateProducer())
        {
            foreach (var user in input.OptedOutUsers)
            {
                producer.Produce(settings["Topics:OptOuts"]!, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(user), Value = OptOutRecords.OptedOut });
            }

            foreach (var (key, value) in input.Records)
            {
                producer.Produce(settings["Topics:Raw"]!, new Message<byte[], byte[]> { Key = key is null ? null! : Encoding.UTF8.GetBytes(key), Value = value });
            }

            producer.Flush(TimeSpan.FromSeconds(30));
        }

        var port = MetricsScrape.FreePort();
        var arguments = settings.Select(s => $"--{s.Key}={s.Value}").Append($"--Http:Port={port}").Prepend("run").ToArray();

        // 1. Process everything; metrics and /counts.
        var first = AppProcess.StartAggregator(_work, null, arguments);
        await using (first)
        {
            var counts = Latest(kafka.ReadAll(settings["Topics:Counts"]!, r => Latest(r).Count == input.ExpectedCounts.Count && Latest(r).All(e => input.ExpectedCounts[e.Key] == e.Value), TimeSpan.FromSeconds(120)));
            Assert.Equal(input.ExpectedCounts.OrderBy(e => e.Key), counts.OrderBy(e => e.Key));

            string[] expectedSeries =
            [
                "aggregator_streams_records_processed_total{", "aggregator_streams_consumer_lag{", "aggregator_streams_records_late_dropped_total{",
                "aggregator_events_dead_lettered_total{", "aggregator_streams_restore_records_total ", "aggregator_streams_state ", "aggregator_events_replayed_total ",
                "aggregator_events_refined_total ", "aggregator_streams_tasks_running ",
            ];
            // The lag gauge comes from a sample every 10 s: on a fast run the counts can be exact before the first one.
            var metrics = await _http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
            for (var waited = 0; waited < 30 && !expectedSeries.All(s => metrics.Contains(s, StringComparison.Ordinal)); waited++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                metrics = await _http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
            }

            foreach (var series in expectedSeries)
            {
                Assert.Contains(series, metrics, StringComparison.Ordinal);
            }

            foreach (var key in input.ExpectedCounts.Keys.Select(k => k.Split('@')[0]).Distinct().Take(12))
            {
                var answer = await _http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{port}/counts?key={Uri.EscapeDataString(key)}&from=0&to={DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
                Assert.Equal("Local", answer.GetProperty("status").GetString());
                foreach (var window in answer.GetProperty("windows").EnumerateArray())
                {
                    var start = DateTimeOffset.Parse(window.GetProperty("windowStart").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
                    Assert.Equal(counts[$"{key}@{start}"], window.GetProperty("count").GetInt64());
                }
            }

            first.Signal("TERM");
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            output.WriteLine(first.StandardOutput);
        }

        // 2. Restart on the same state: everything was committed, nothing is reprocessed.
        var second = AppProcess.StartAggregator(_work, null, arguments);
        await using (second)
        {
            await WaitUntilReady(port, TimeSpan.FromSeconds(60));
            await Task.Delay(3_000);
            var metrics = await _http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
            // Input, refining, dedup and counting tasks reprocess nothing. (The report merger, task 4-0, may still read the
            // partials the other tasks published in their final commit: new records, not replays.)
            var reprocessed = metrics.Split('\n').Where(line => line.StartsWith("aggregator_streams_records_processed_total{", StringComparison.Ordinal) && !line.Contains("task=\"4-", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(reprocessed);
            Assert.All(reprocessed, line => Assert.EndsWith(" 0", line, StringComparison.Ordinal));
            second.Signal("TERM");
            Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        // 3. Lose the state directory: not ready while restoring from the changelogs, then ready with the same counts.
        Directory.Delete(Path.Combine(_work, "state"), recursive: true);
        var third = AppProcess.StartAggregator(_work, null, arguments);
        await using (third)
        {
            var sawRestoring = false;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (DateTime.UtcNow < deadline)
            {
                var (ready, body) = await Readiness(port);
                sawRestoring |= !ready && body?.GetProperty("restoringTasks").GetInt32() > 0;
                if (ready)
                {
                    break;
                }

                await Task.Delay(20);
            }

            Assert.True(sawRestoring, "readiness should report restoring tasks (and not ready) while the state is rebuilt");
            Assert.True((await Readiness(port)).Ready);
            var metrics = await _http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
            Assert.True(Sum(metrics, "aggregator_streams_restore_records_total") > 0);
            var key = input.ExpectedCounts.Keys.First().Split('@')[0];
            var answer = await _http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{port}/counts?key={Uri.EscapeDataString(key)}&from=0&to={DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
            foreach (var window in answer.GetProperty("windows").EnumerateArray())
            {
                var start = DateTimeOffset.Parse(window.GetProperty("windowStart").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
                Assert.Equal(input.ExpectedCounts[$"{key}@{start}"], window.GetProperty("count").GetInt64());
            }

            third.Signal("TERM");
            var exitCode = await third.WaitForExitAsync(TimeSpan.FromSeconds(30));
            output.WriteLine(third.StandardOutput + third.StandardError);
            Assert.Equal(0, exitCode);
        }
    }

    private async Task<(bool Ready, JsonElement? Body)> Readiness(int port)
    {
        try
        {
            using var response = await _http.GetAsync($"http://127.0.0.1:{port}/health/ready");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode == HttpStatusCode.OK, body);
        }
        catch (HttpRequestException)
        {
            return (false, null);
        }
    }

    private async Task WaitUntilReady(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !(await Readiness(port)).Ready)
        {
            await Task.Delay(200);
        }
    }

    private static long Sum(string metrics, string name) => metrics.Split('\n')
        .Where(line => line.StartsWith(name, StringComparison.Ordinal) && (line.Length == name.Length || line[name.Length] is '{' or ' '))
        .Sum(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));


    private static Dictionary<string, long> Latest(IEnumerable<ConsumeResult<byte[], byte[]>> records)
    {
        var latest = new Dictionary<string, long>();
        foreach (var record in records.OrderBy(r => r.Partition.Value).ThenBy(r => r.Offset.Value))
        {
            using var value = JsonDocument.Parse(record.Message.Value);
            var start = DateTimeOffset.Parse(value.RootElement.GetProperty("windowStart").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            latest[$"{value.RootElement.GetProperty("key").GetString()}@{start.ToUnixTimeMilliseconds()}"] = value.RootElement.GetProperty("count").GetInt64();
        }

        return latest;
    }
}
