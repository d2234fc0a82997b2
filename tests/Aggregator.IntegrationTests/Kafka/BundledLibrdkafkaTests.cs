using System.Text.RegularExpressions;
using Aggregator.IntegrationTests.Infrastructure;
using Aggregator.IntegrationTests.Pipeline;

namespace Aggregator.IntegrationTests.Kafka;

/// <summary>
/// The worker uses the librdkafka it ships with whatever the machine has (issue 11). The hazard: left to its default
/// search, Confluent.Kafka falls back to whatever <c>librdkafka.so</c> the dynamic loader finds — the bundled
/// <c>runtimes/linux-x64/native/librdkafka.so</c> needs libsasl2.so.3, absent on Debian 12, so it fails to load — and
/// with Debian's librdkafka 2.0.2 found, the first Consume dies with EntryPointNotFoundException. Here the worker runs
/// with <c>LD_LIBRARY_PATH</c> pointing at a directory whose <c>librdkafka.so</c> is Debian's 2.0.2 (installed with
/// kcat), which the loader's own search then returns first.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class BundledLibrdkafkaTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output) : IDisposable
{
    private const string DebianLibrdkafka = "/usr/lib/x86_64-linux-gnu/librdkafka.so.1";
    private readonly string _shadow = Directory.CreateTempSubdirectory("agg-shadow-librdkafka-").FullName;

    public void Dispose() => Directory.Delete(_shadow, recursive: true);

    [Fact]
    public async Task SystemLibrdkafkaFirstOnTheLoaderPath_WorkerStillUsesTheBundledOne_AndConsumes()
    {
        Assert.True(File.Exists(DebianLibrdkafka), $"{DebianLibrdkafka} is missing: install kcat (it brings Debian's librdkafka1), as .ci/run does");
        File.CreateSymbolicLink(Path.Combine(_shadow, "librdkafka.so"), DebianLibrdkafka);
        var environment = new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = _shadow };

        // The setup reproduces the hazard: with this environment, the loader's answer to "librdkafka.so" is Debian's 2.0.2.
        var probe = await AppProcess.RunAsync("python3", ["-c", "import ctypes; l = ctypes.CDLL('librdkafka.so'); l.rd_kafka_version_str.restype = ctypes.c_char_p; print(l.rd_kafka_version_str().decode())"],
            TimeSpan.FromSeconds(30), environment);
        Assert.True(probe.ExitCode == 0, probe.Error);
        Assert.StartsWith("2.0.", probe.Output.Trim(), StringComparison.Ordinal);

        using var world = WorkerWorld.On(kafka, output, "bundled", partitions: 2);
        var input = ActivityInput.Generate(events: 500, users: 50, minutes: 10, seed: 7, DateTimeOffset.UtcNow.AddMinutes(-20));
        world.ProduceOptOuts(input.OptedOutUsers);
        world.Produce(input.Records);
        await using var worker = world.StartWorker(environment: environment);

        var refined = world.RefinedEventIds(input.ExpectedRefined.Count, TimeSpan.FromSeconds(90));
        var log = worker.StandardOutput + worker.StandardError;
        var loaded = Regex.Match(log, @"Kafka client: librdkafka (?<version>\S+) from (?<path>\S+)");
        output.WriteLine($"loader's librdkafka.so: {probe.Output.Trim()}; worker: {(loaded.Success ? loaded.Value : "(no librdkafka line)")}; {refined.Count:N0} of {input.ExpectedRefined.Count:N0} events refined");
        if (refined.Count < input.ExpectedRefined.Count)
        {
            world.ShowTail(worker, "worker", 60);
        }

        Assert.Equal(input.ExpectedRefined.Count, refined.Count);
        Assert.DoesNotContain("EntryPointNotFoundException", log, StringComparison.Ordinal);
        Assert.True(loaded.Success, "the worker should log which librdkafka it loaded");
        Assert.Equal(BundledVersion(), loaded.Groups["version"].Value);
        Assert.StartsWith(AppContext.BaseDirectory, loaded.Groups["path"].Value, StringComparison.Ordinal);

        worker.Signal("TERM");
        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    // The librdkafka.redist version this build bundles: the package folder the native files were copied from is not
    // known at run time, but Confluent.Kafka's own version matches it (both 2.x.y, pinned together).
    private static string BundledVersion() =>
        typeof(Confluent.Kafka.Library).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "unknown";
}
