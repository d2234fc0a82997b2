using System.CommandLine;
using Aggregator.Cli;
using Aggregator.Kafka;

// The bundled librdkafka must be loaded before any Kafka client exists (a system one would win otherwise).
BundledLibrdkafka.EnsureLoaded();

// The host's console lifetime handles SIGINT/SIGTERM and drains gracefully (up to 30 s): System.CommandLine must not
// also race it with its own short termination timeout.
return await CommandLine.Build().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
