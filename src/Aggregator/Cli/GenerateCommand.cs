using Aggregator.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aggregator.Cli;

/// <summary><c>aggregator generate</c>: synthetic activity produced the way the collector would (async, batched, acks=1).</summary>
internal static class GenerateCommand
{
    public static async Task<int> ExecuteAsync(IReadOnlyDictionary<string, string?> flags, IReadOnlyList<string> overrides)
    {
        var configuration = AppConfiguration.Build(overrides, forced: flags);
        var services = new ServiceCollection();
        services.AddLogging(logging => HostLogging.Configure(logging, configuration));
        services.AddTrafficGenerator(configuration).WithKafkaSecurity(configuration);
        await using var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<GeneratorOptions>>().Value;
        }
        catch (Exception ex) when (StartupFailure.TryDescribe(ex, out var line))
        {
            await Console.Error.WriteLineAsync("aggregator generate: " + line);
            return ExitCodes.BadConfiguration;
        }

        using var signal = new ShutdownSignal();
        // The producer logs its progress and a final summary itself.
        var summary = await provider.GetRequiredService<TrafficProducer>().RunAsync(signal.Token);
        return summary.DeliveryErrors == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
