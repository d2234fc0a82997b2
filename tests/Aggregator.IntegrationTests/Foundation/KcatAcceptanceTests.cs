using System.Text;
using System.Text.Json;
using Aggregator.IntegrationTests.Infrastructure;

namespace Aggregator.IntegrationTests.Foundation;

/// <summary>
/// The Foundation acceptance run, across processes: `aggregator broker` serves; kcat (Debian) lists its topics and
/// produces 10,000 raw lines (valid and invalid mixed) from a file; `aggregator run` against it refines them; kcat
/// reads back exactly the expected refined and dead-letter records; SIGTERM stops both cleanly with exit code 0.
/// </summary>
public sealed class KcatAcceptanceTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("agg-kcat-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task TenThousandRawLines_ProducedByKcat_ComeOutAsExactlyTheExpectedRefinedAndDlqRecords()
    {
        var bootstrapFile = Path.Combine(_work, "bootstrap");
        await using var broker = AppProcess.StartAggregator(_work, null, "broker", "--bootstrap-file", bootstrapFile, "--Topics:Partitions=4");
        var bootstrap = await broker.FirstOutputLineAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(bootstrap, (await File.ReadAllTextAsync(bootstrapFile)).Trim());

        var list = await AppProcess.RunAsync("kcat", ["-L", "-b", bootstrap], TimeSpan.FromSeconds(30));
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("topic \"activity.raw\" with 4 partitions", list.Output, StringComparison.Ordinal);
        Assert.Contains("aggregator-counts-by-key-repartition", list.Output, StringComparison.Ordinal);

        var (lines, valid, invalid) = RawLines(10_000);
        var file = Path.Combine(_work, "raw.jsonl");
        await File.WriteAllLinesAsync(file, lines);
        var produce = await AppProcess.RunAsync("kcat", ["-P", "-b", bootstrap, "-t", "activity.raw", "-l", file], TimeSpan.FromSeconds(60));
        Assert.True(produce.ExitCode == 0, produce.Error);

        await using var worker = AppProcess.StartAggregator(_work, null, "run",
            $"--Kafka:BootstrapServers={bootstrap}", $"--Streams:StateDirectory={Path.Combine(_work, "state")}",
            "--Streams:InstanceId=kcat", "--Status:Interval=00:00:02");

        var refined = await CountUntil("activity.refined", bootstrap, valid, TimeSpan.FromSeconds(120));
        var dlq = await CountUntil("activity.dlq", bootstrap, invalid, TimeSpan.FromSeconds(30));
        output.WriteLine(worker.StandardOutput);
        Assert.Equal(valid, refined);
        Assert.Equal(invalid, dlq);
        Assert.Contains("status: Running", worker.StandardOutput, StringComparison.Ordinal);

        worker.Signal("TERM");
        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain("Exception", worker.StandardOutput + worker.StandardError, StringComparison.Ordinal);
        broker.Signal("TERM");
        Assert.Equal(0, await broker.WaitForExitAsync(TimeSpan.FromSeconds(15)));
    }

    private static async Task<int> CountUntil(string topic, string bootstrap, int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var count = 0;
        while (DateTime.UtcNow < deadline)
        {
            var read = await AppProcess.RunAsync("kcat", ["-C", "-b", bootstrap, "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%o\n"], TimeSpan.FromSeconds(60));
            count = read.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            if (count >= expected)
            {
                // Give a stray extra record a chance to show up before declaring the count exact.
                await Task.Delay(2_000);
                read = await AppProcess.RunAsync("kcat", ["-C", "-b", bootstrap, "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%o\n"], TimeSpan.FromSeconds(60));
                return read.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            }

            await Task.Delay(1_000);
        }

        return count;
    }

    /// <summary>One line per record; about one in ten invalid, of every kind the contract rejects.</summary>
    private static (List<string> Lines, int Valid, int Invalid) RawLines(int count)
    {
        var now = DateTimeOffset.UtcNow;
        var invalidKinds = new[]
        {
            "not json at all",
            "[1,2,3]",
            """{"userId":"u-1","timestamp":"2026-01-01T00:00:00Z"}""",
            """{"type":"page_view","userId":"u-1","timestamp":"yesterday"}""",
            """{"type":"page_view","userId":"u-1","timestamp":0}""",
            """{"type":"page_view","timestamp":"2026-11-21T10:00:00Z"}""",
            """{"type":5,"userId":"u-1","timestamp":"2026-11-21T10:00:00Z"}""",
        };
        var lines = new List<string>(count);
        var invalid = 0;
        for (var i = 0; i < count; i++)
        {
            if (i % 10 == 3)
            {
                lines.Add(invalidKinds[i / 10 % invalidKinds.Length]);
                invalid++;
                continue;
            }

            lines.Add(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["eventId"] = $"kcat-{i}",
                ["type"] = i % 7 == 0 ? "click" : "page_view",
                ["userId"] = $"u-{i % 500:D4}",
                ["timestamp"] = now.AddSeconds(-count + i).ToString("O"),
                ["url"] = $"https://shop.example.com/products/{i % 40}?utm_source=test&email=someone%40example.com",
                ["ip"] = "203.0.113.77",
            }));
        }

        return (lines, count - invalid, invalid);
    }
}
