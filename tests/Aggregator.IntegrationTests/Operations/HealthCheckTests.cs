using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Aggregator.IntegrationTests.Operations;

/// <summary>
/// Runs the Dockerfile's HEALTHCHECK command itself (it needs only bash) against a local HTTP stand-in, so
/// "healthy" is known to mean "/health/live answered 200" before any image is built.
/// </summary>
public sealed class HealthCheckTests
{
    private readonly IReadOnlyList<string> _command = Dockerfile.Load().Final.Single("HEALTHCHECK").ExecForm(after: "CMD");

    [Fact]
    public async Task Healthy_WhenLiveAnswers200()
    {
        var (result, request) = await ProbeAsync("HTTP/1.1 200 OK");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("GET /health/live HTTP/1.", request, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HTTP/1.1 503 Service Unavailable")]
    [InlineData("HTTP/1.1 404 Not Found")]
    [InlineData("HTTP/1.1 500 Internal Server Error")]
    public async Task Unhealthy_WhenLiveAnswersAnythingElse(string statusLine)
    {
        var (result, _) = await ProbeAsync(statusLine);

        Assert.True(result.ExitCode != 0, result.ToString());
    }

    [Fact]
    public async Task Unhealthy_WhenNothingListens()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await RunAsync(port);

        Assert.True(result.ExitCode != 0, result.ToString());
    }

    private async Task<(ShellResult Result, string Request)> ProbeAsync(string statusLine)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            var request = await reader.ReadLineAsync() ?? string.Empty;
            while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
            {
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{statusLine}\r\nContent-Length: 7\r\nConnection: close\r\n\r\nHealthy"));
            return request;
        });

        var result = await RunAsync(port);
        return (result, await serve.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private Task<ShellResult> RunAsync(int port) =>
        ShellRun.BashAsync(
            _command.Skip(1),
            new Dictionary<string, string> { ["AGGREGATOR_Http__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            clean: true,
            timeout: TimeSpan.FromSeconds(20));
}
