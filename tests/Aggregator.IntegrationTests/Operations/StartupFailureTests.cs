using Aggregator.IntegrationTests.Infrastructure;

namespace Aggregator.IntegrationTests.Operations;

/// <summary>Bad configuration ends start-up with one clear line on stderr and exit code 2 — no stack trace.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("agg-config-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData("Windows:Advance", "--Windows:Advance=00:07:00")]
    [InlineData("Windows:Size", "--Windows:Size=banana")]
    [InlineData("Treads", "--Streams:Treads=2")]
    [InlineData("Kafka:SaslMechanism", "--Kafka:SecurityProtocol=SASL_PLAINTEXT")]
    [InlineData("Kafka:SecurityProtocol", "--Kafka:SecurityProtocol=TLS")]
    [InlineData("Streams:ApplicationId", "--Streams:ApplicationId=has spaces")]
    [InlineData("Dedup:Window", "--Dedup:Window=-00:01:00")]
    [InlineData("KeepRaw", "--Privacy:KeepRaw=true")]
    [InlineData("Privacy:AllowedProperties", "--Privacy:AllowedProperties:0= ")]
    [InlineData("Privacy:HeldFor", "--Privacy:HeldFor=00:00:01")]
    [InlineData("not reachable", "--Kafka:BootstrapServers=127.0.0.1:1", "--Kafka:StartupTimeout=00:00:03")]
    [InlineData("unknown argument", "--bogus")]
    public async Task BadConfiguration_GivesOneClearLine_AndExitCode2(string mentioned, params string[] arguments)
    {
        await using var app = AppProcess.StartAggregator(_work, new Dictionary<string, string> { ["AGGREGATOR_Streams__StateDirectory"] = Path.Combine(_work, "state") }, ["run", .. arguments]);

        var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var errorLines = app.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, exitCode);
        Assert.Single(errorLines);
        Assert.StartsWith("aggregator", errorLines[0], StringComparison.Ordinal);
        Assert.Contains(mentioned, errorLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", app.StandardOutput + app.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretsNeverAppearInErrors()
    {
        await using var app = AppProcess.StartAggregator(_work, null,
            "run", "--Kafka:SecurityProtocol=SASL_PLAINTEXT", "--Kafka:SaslPassword=hunter2-secret", "--Kafka:SaslMechanism=SCRAM-SHA-512");

        Assert.Equal(2, await app.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Kafka:SaslUsername", app.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", app.StandardOutput + app.StandardError, StringComparison.Ordinal);
    }
}
