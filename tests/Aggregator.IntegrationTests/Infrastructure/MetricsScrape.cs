using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Aggregator.IntegrationTests.Infrastructure;

/// <summary>Reading a worker's /metrics, and picking the ports workers and tools listen on.</summary>
public static class MetricsScrape
{
    /// <summary>The sum of a metric family's samples on /metrics (optionally only lines containing <paramref name="labelFilter"/>); null when the endpoint does not answer.</summary>
    public static async Task<double?> SumAsync(HttpClient http, int port, string name, string? labelFilter = null)
    {
        try
        {
            var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
            return text.Split('\n')
                .Where(line => line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is '{' or ' ')
                .Where(line => labelFilter is null || line.Contains(labelFilter, StringComparison.Ordinal))
                .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>A port free on 127.0.0.1 right now (the OS picks it; the caller binds it moments later).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
