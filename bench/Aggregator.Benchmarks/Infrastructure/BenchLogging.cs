using Microsoft.Extensions.Logging;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>Warnings and errors of the runtime on stderr: a run that stalls says why.</summary>
internal static class BenchLogging
{
    public static ILoggerFactory Factory { get; } = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
}
