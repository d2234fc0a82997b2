namespace Aggregator.IntegrationTests.Operations;

/// <summary>
/// scripts/publish-and-run.sh. The real publish-and-smoke run belongs to the CLI's owner (it needs the CLI);
/// here the script's own logic is checked: its usage, and its smoke checks run against a stand-in "published
/// app" (a python3 script obeying the contract: --help, HTTP on AGGREGATOR_Http__Port, exit on SIGTERM), so
/// a PASS is known to need a healthy, well-behaved app and a FAIL to catch a misbehaving one.
/// One test runs the whole script for real: publish the actual app, run it from a clean directory, smoke it.
/// </summary>
public sealed class PublishAndRunScriptTests : IDisposable
{
    private const string Script = "scripts/publish-and-run.sh";

    // Behaviour knobs are files next to the stand-in: the script runs the app with an emptied environment.
    private const string FakeApp = """
        #!/usr/bin/env python3
        import http.server, os, signal, sys
        here = os.path.dirname(os.path.abspath(__file__))
        def knob(name, default):
            path = os.path.join(here, name)
            return open(path).read().strip() if os.path.exists(path) else default
        if sys.argv[1:] == ["--help"]:
            print("Commands:\n  run       the worker\n  generate  synthetic traffic")
            sys.exit(0)
        assert sys.argv[1:] == ["run"], sys.argv
        state = os.environ["AGGREGATOR_Streams__StateDirectory"]
        open(os.path.join(state, "written-by-the-app"), "w").close()
        live = int(knob("live-status", "200"))
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = b"aggregator_streams_state 3\n" if self.path == "/metrics" else b"Healthy"
                self.send_response(200 if self.path == "/metrics" else live)
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args):
                pass
        server = http.server.HTTPServer(("127.0.0.1", int(os.environ["AGGREGATOR_Http__Port"])), Handler)
        signal.signal(signal.SIGTERM, lambda *args: sys.exit(int(knob("exit-code", "0"))))
        print("listening", flush=True)
        server.serve_forever()
        """;

    private readonly string _published = ShellRun.CreateTempDirectory("fake-published-");

    public PublishAndRunScriptTests()
    {
        ShellRun.WriteExecutable(Path.Combine(_published, "aggregator"), FakeApp);
        File.WriteAllText(Path.Combine(_published, "aggregator.dll"), string.Empty);
        var native = Directory.CreateDirectory(Path.Combine(_published, "runtimes", "linux-x64", "native")).FullName;
        File.WriteAllText(Path.Combine(native, "centos8-librdkafka.so"), string.Empty);
        File.WriteAllText(Path.Combine(native, "librocksdb.so"), string.Empty);
    }

    public void Dispose() => Directory.Delete(_published, recursive: true);

    [Fact]
    public async Task Help_DescribesTheOptions_AndExitsZero()
    {
        var result = await ShellRun.BashAsync([Script, "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage: scripts/publish-and-run.sh", result.Output, StringComparison.Ordinal);
        Assert.Contains("--help-only", result.Output, StringComparison.Ordinal);
        Assert.Contains("--published DIR", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("--run-seconds", "soon")]
    [InlineData("--published")]
    public async Task BadArguments_AreAUsageError(params string[] arguments)
    {
        var result = await ShellRun.BashAsync([Script, .. arguments]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smoke_PassesEveryCheck_ForAnAppThatKeepsTheContract()
    {
        var result = await RunAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith("passed, 0 failed", result.Output.Split('\n').Last(l => l.Contains("passed", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("PASS GET /health/live = 200", result.Output, StringComparison.Ordinal);
        Assert.Contains("PASS exited with code 0 after SIGTERM", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RealApp_Published_AndRunFromACleanDirectory_PassesEveryCheck()
    {
        // The Dockerfile's steps reproduced: dotnet publish, copy only the output, run the demo with an emptied
        // environment, probe /health/live and /metrics, SIGTERM → exit 0.
        var result = await ShellRun.BashAsync([Script], timeout: TimeSpan.FromMinutes(5));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("PASS dotnet publish src/Aggregator -c Release", result.Output, StringComparison.Ordinal);
        Assert.Contains("PASS GET /metrics = 200", result.Output, StringComparison.Ordinal);
        Assert.Contains("PASS exited with code 0 after SIGTERM", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smoke_Fails_WhenTheAppExitsNonZeroOnSigterm()
    {
        await File.WriteAllTextAsync(Path.Combine(_published, "exit-code"), "3");

        var result = await RunAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("FAIL exited with code 3 after SIGTERM", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smoke_Fails_WhenLivenessNeverAnswers200()
    {
        await File.WriteAllTextAsync(Path.Combine(_published, "live-status"), "503");

        var result = await RunAsync("--startup-timeout", "3");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("FAIL GET /health/live did not return 200 within 3s", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_WhenThePublishedOutputLacksTheBundledLibrdkafka()
    {
        File.Delete(Path.Combine(_published, "runtimes", "linux-x64", "native", "centos8-librdkafka.so"));

        var result = await RunAsync("--help-only");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("FAIL published output lacks runtimes/linux-x64/native/centos8-librdkafka.so", result.Output, StringComparison.Ordinal);
    }

    private Task<ShellResult> RunAsync(params string[] extra) =>
        ShellRun.BashAsync([Script, "--published", _published, "--run-seconds", "1", .. extra], timeout: TimeSpan.FromSeconds(120));
}
