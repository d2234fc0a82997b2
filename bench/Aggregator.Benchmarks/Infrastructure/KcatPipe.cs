using System.Diagnostics;
using System.Globalization;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// The floor to compare against: kcat consumes the raw topic from the beginning to its end and a second kcat produces
/// every record unchanged to another topic (lz4, like the worker's producers), no processing, state or commits. Timed
/// by bash's <c>time</c> around the whole pipe: from the consumer's start until the producer has every record
/// acknowledged and exits; CPU is both kcat processes' user + system time.
/// </summary>
internal static class KcatPipe
{
    // Unit and record separators: bytes the generator's JSON (malformed records included) never contains.
    private const string KeyDelimiter = "\\x1f";
    private const string RecordDelimiter = "\\x1e";

    public static bool Available { get; } = File.Exists("/usr/bin/kcat") || File.Exists("/usr/local/bin/kcat");

    /// <summary>Wall and CPU seconds of the pipe; null with a reason when it failed.</summary>
    public static async Task<PipeRun> RunAsync(BenchBroker broker, string input, string output)
    {
        var script =
            "TIMEFORMAT='%3R %3U %3S'; time ( " +
            $"kcat -C -b '{broker.BootstrapServers}' -t '{input}' -o beginning -e -q -K '{KeyDelimiter}' -D '{RecordDelimiter}' | " +
            $"kcat -P -b '{broker.BootstrapServers}' -t '{output}' -K '{KeyDelimiter}' -D '{RecordDelimiter}' -X compression.codec=lz4 -X linger.ms=5 )";
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start bash");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        _ = await stdout;
        var times = lines.LastOrDefault()?.Split(' ');
        if (process.ExitCode != 0 || times is not { Length: 3 })
        {
            return PipeRun.Failed($"kcat pipe exited {process.ExitCode}: {string.Join(" / ", lines.TakeLast(5))}");
        }

        var wall = double.Parse(times[0], CultureInfo.InvariantCulture);
        var cpu = double.Parse(times[1], CultureInfo.InvariantCulture) + double.Parse(times[2], CultureInfo.InvariantCulture);
        return new PipeRun(wall, cpu, broker.HighWatermarks(output), null);
    }
}

/// <summary>One pipe run: seconds, CPU seconds, records that arrived in the output topic.</summary>
internal sealed record PipeRun(double Seconds, double CpuSeconds, long Records, string? Problem)
{
    public static PipeRun Failed(string problem) => new(double.NaN, double.NaN, 0, problem);
}
