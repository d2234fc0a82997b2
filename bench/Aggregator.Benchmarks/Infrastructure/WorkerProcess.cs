using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// The product itself — <c>aggregator run</c> (the aggregator.dll built beside this harness) — in a process of its own,
/// pointed at the bench's embedded broker. Its CPU seconds and peak RSS are then the worker's alone (the broker, the
/// producer and the followers live in the bench process), and "ready" is the worker's own /health/ready.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process _process;
    private readonly int _port;

    private WorkerProcess(Process process, int port, string logPath)
    {
        _process = process;
        _port = port;
        LogPath = logPath;
        Started = Stopwatch.StartNew();
    }

    public int Pid => _process.Id;

    public string LogPath { get; }

    /// <summary>Since the process was started.</summary>
    public Stopwatch Started { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <c>aggregator run</c> with these settings as <c>--Section:Key=value</c> flags; its output goes to
    /// <paramref name="logPath"/>. <paramref name="workerDll"/>: another build of the worker (a lever), else the one beside the bench.
    /// </summary>
    public static WorkerProcess Start(
        IReadOnlyDictionary<string, string?> settings, string logPath, string? workerDll = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(logPath)! };
        // exec: the pid we hold is the worker's own, so /proc/PID and SIGTERM reach it directly.
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec dotnet \"$@\" >\"$LOG\" 2>&1");
        info.ArgumentList.Add("bash");
        info.ArgumentList.Add(workerDll ?? Path.Combine(AppContext.BaseDirectory, "aggregator.dll"));
        info.ArgumentList.Add("run");
        foreach (var (key, value) in settings.Append(new("Http:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append(new("Http:Host", "127.0.0.1")))
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        info.Environment["LOG"] = logPath;
        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the worker");
        return new WorkerProcess(process, port, logPath);
    }

    public double CpuSeconds() => ProcessStats.CpuSeconds(Pid);

    public long PeakRss() => ProcessStats.PeakRss(Pid);

    /// <summary>/health/ready, or null while the HTTP endpoint is not up yet.</summary>
    public async Task<ReadyState?> ReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{_port}/health/ready"));
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var root = json.RootElement;
            return new ReadyState(
                root.GetProperty("ready").GetBoolean(),
                root.GetProperty("state").GetString() ?? "?",
                root.GetProperty("tasks").GetInt32(),
                root.GetProperty("restoringTasks").GetInt32(),
                root.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The body of a GET on the worker's HTTP endpoint (e.g. <c>/counts?key=…</c>), or null when it did not answer.</summary>
    public async Task<string?> GetAsync(string pathAndQuery, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{_port}{pathAndQuery}"), cancellationToken);
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Sum of every sample of a Prometheus counter or gauge on /metrics (0 when absent).</summary>
    public async Task<double> MetricAsync(string name)
    {
        try
        {
            var text = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{_port}/metrics"));
            return text.Split('\n')
                .Where(line => line.StartsWith(name, StringComparison.Ordinal) && (line.Length == name.Length || line[name.Length] is ' ' or '{'))
                .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or FormatException)
        {
            return double.NaN;
        }
    }

    /// <summary>Last lines of the worker's log, for a problem report.</summary>
    public string Tail(int lines = 15) =>
        File.Exists(LogPath) ? string.Join(" / ", File.ReadLines(LogPath).TakeLast(lines)) : "(no log)";

    /// <summary>SIGTERM, as an orchestrator stops it; returns the exit code and the seconds the drain took (null: killed after the timeout).</summary>
    public async Task<(int? ExitCode, double Seconds)> StopAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        if (_process.HasExited)
        {
            return (_process.ExitCode, 0);
        }

        using (var kill = Process.Start("kill", $"-TERM {Pid}"))
        {
            await kill.WaitForExitAsync();
        }

        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            return (_process.ExitCode, clock.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return (null, clock.Elapsed.TotalSeconds);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>What /health/ready said.</summary>
internal sealed record ReadyState(bool Ready, string State, int Tasks, int RestoringPartitions, string? Detail);
