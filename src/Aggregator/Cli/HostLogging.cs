using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Aggregator.Cli;

/// <summary>Console logging for every command: one line per entry, UTC timestamps, levels from "Logging".</summary>
internal static class HostLogging
{
    // singleLine: one line per entry (greppable; the default). The demo turns it off so Slack messages rendered in
    // the log keep their line breaks.
    public static void Configure(ILoggingBuilder logging, IConfiguration configuration, bool toStandardError = false, bool singleLine = true)
    {
        logging.ClearProviders();
        logging.AddConfiguration(configuration.GetSection("Logging"));
        logging.SetMinimumLevel(LogLevel.Information);
        // librdkafka and the hosting plumbing are chatty at Information; keep the console for what an operator needs.
        logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Warning);
        // A failed start is reported by the CLI as one line; the host's own report would add a stack trace.
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Streamiz logs every task transition, its whole configuration and topology at Information; the worker logs
        // the instance's state changes itself (Logging:LogLevel:Streamiz=Information brings them back).
        // Once the instance has closed, Streamiz 1.8's undisposed admin clients only report the brokers going away.
        logging.AddFilter("Streamiz", level => level >= LogLevel.Warning && !Hosting.Streams.StreamsWorker.Closed);
        logging.AddSimpleConsole(options =>
        {
            options.SingleLine = singleLine;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "HH:mm:ss.fff ";
            options.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        if (toStandardError)
        {
            logging.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        }
    }
}
