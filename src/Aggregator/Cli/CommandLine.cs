using System.CommandLine;
using Aggregator.Demo;

namespace Aggregator.Cli;

/// <summary>
/// The <c>aggregator</c> command line. Every command also accepts configuration overrides as
/// <c>--Section:Key=value</c> (e.g. <c>--Kafka:BootstrapServers=localhost:9092</c>).
/// </summary>
internal static class CommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "Aggregator: turns raw user-activity events on Kafka into refined events, windowed counts, Slack summaries and alarms. " +
            "Configuration: appsettings.json, AGGREGATOR_* environment variables (__ separates sections), --Section:Key=value.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        var run = new Command("run", "Run the worker (the default). Without Kafka:BootstrapServers: an embedded broker plus demo traffic.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        run.SetAction(RunAsync);
        root.SetAction(RunAsync);
        root.Add(run);
        root.Add(Generate());
        root.Add(Broker());
        root.Add(TopologyDocument());
        return root;
    }

    private static Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken) =>
        WithOverrides(result, RunCommand.ExecuteAsync);

    private static Command Generate()
    {
        var command = new Command("generate", "Produce realistic synthetic activity (async, batched, acks=1) with a progress line.") { TreatUnmatchedTokensAsErrors = false };
        var options = GeneratorFlags.All.Select(flag => (Flag: flag, Option: new Option<string?>(flag.Name) { Description = flag.Description })).ToList();
        foreach (var (_, option) in options)
        {
            command.Add(option);
        }

        command.SetAction((result, _) =>
        {
            var flags = options
                .Select(o => (o.Flag.ConfigurationKey, Value: result.GetValue(o.Option)))
                .Where(o => o.Value is not null)
                .ToDictionary(o => o.ConfigurationKey, o => o.Value, StringComparer.OrdinalIgnoreCase);
            return WithOverrides(result, overrides => GenerateCommand.ExecuteAsync(flags, overrides));
        });
        return command;
    }

    private static Command Broker()
    {
        var brokers = new Option<int>("--brokers") { Description = "Number of brokers (1-16).", DefaultValueFactory = _ => 1 };
        var topics = new Option<string[]>("--topic") { Description = "Create a topic: NAME:PARTITIONS (repeatable).", AllowMultipleArgumentsPerToken = false };
        var bootstrapFile = new Option<string?>("--bootstrap-file") { Description = "Also write the bootstrap address to this file." };
        var noAppTopics = new Option<bool>("--no-app-topics") { Description = "Do not create the application's topics (by default they are, sized as its topology needs)." };
        var command = new Command("broker", "Host an embedded Kafka cluster (librdkafka's mock brokers) until SIGINT/SIGTERM; prints its bootstrap address first.")
        {
            brokers, topics, bootstrapFile, noAppTopics,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, _) => WithOverrides(result, overrides => BrokerCommand.ExecuteAsync(
            result.GetValue(brokers), result.GetValue(topics) ?? [], result.GetValue(bootstrapFile), !result.GetValue(noAppTopics), overrides)));
        return command;
    }

    private static Command TopologyDocument()
    {
        var format = new Option<string>("--format") { Description = "markdown (topology.md), text or mermaid.", DefaultValueFactory = _ => "markdown" };
        format.AcceptOnlyFromAmong("markdown", "text", "mermaid");
        var command = new Command("topology", "Print the topology's description (regenerates topology.md).") { format };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, _) => WithOverrides(result, overrides => Task.FromResult(TopologyCommand.Execute(result.GetValue(format)!, overrides))));
        return command;
    }

    /// <summary>Unmatched tokens must be configuration overrides; anything else is a usage error (exit 2).</summary>
    private static async Task<int> WithOverrides(ParseResult result, Func<IReadOnlyList<string>, Task<int>> action)
    {
        var tokens = result.UnmatchedTokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (AppConfiguration.IsOverride(tokens[i]))
            {
                if (!tokens[i].Contains('=', StringComparison.Ordinal))
                {
                    i++; // "--Section:Key value"
                }

                continue;
            }

            await Console.Error.WriteLineAsync($"aggregator: unknown argument '{tokens[i]}'. Configuration overrides look like --Section:Key=value; see --help.");
            return ExitCodes.BadConfiguration;
        }

        return await action(tokens);
    }
}
