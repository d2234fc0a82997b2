using System.Net;
using System.Net.Sockets;
using Aggregator.IntegrationTests.Infrastructure;

namespace Aggregator.IntegrationTests.Alerting;

/// <summary>
/// The real Prometheus, Alertmanager, Burrow and ZooKeeper binaries from Debian's packages. A missing tool fails the
/// test with the package to install — never a silent skip: ./build.sh test and .ci/run install them.
/// </summary>
internal static class AlertingTools
{
    public static readonly (string Command, string Package) Promtool = ("promtool", "prometheus");
    public static readonly (string Command, string Package) Prometheus = ("prometheus", "prometheus");
    public static readonly (string Command, string Package) Amtool = ("amtool", "prometheus-alertmanager");
    public static readonly (string Command, string Package) Alertmanager = ("prometheus-alertmanager", "prometheus-alertmanager");
    public static readonly (string Command, string Package) Burrow = ("Burrow", "burrow");
    public static readonly (string Command, string Package) ZkServer = ("/usr/share/zookeeper/bin/zkServer.sh", "zookeeper");

    /// <summary>The tool's full path; fails the test naming the Debian package when it is not installed.</summary>
    public static string Require((string Command, string Package) tool)
    {
        var candidates = Path.IsPathRooted(tool.Command)
            ? [tool.Command]
            : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Append("/usr/sbin").Append("/usr/bin")
                .Select(dir => Path.Combine(dir, tool.Command));
        return candidates.FirstOrDefault(File.Exists)
               ?? throw new Xunit.Sdk.XunitException(
                   $"{tool.Command} is not installed: apt-get install {tool.Package} (./build.sh test and .ci/run install it when missing).");
    }

    /// <summary>Runs the tool from the repository root to completion.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync((string Command, string Package) tool, params string[] arguments)
    {
        await using var process = AppProcess.Start(Require(tool), arguments, Operations.RepoPaths.Root);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, process.StandardOutput + process.StandardError);
    }

    /// <summary>A port free on 127.0.0.1 right now.</summary>
    public static int FreePort() => MetricsScrape.FreePort();
}
