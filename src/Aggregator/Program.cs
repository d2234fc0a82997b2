using System.CommandLine;
using Aggregator.Cli;
using Aggregator.Streams.Kafka.Native;

// The resolver for the OS's librdkafka must be in place before any Kafka client exists.
KafkaNativeLibrary.EnsureInitialized();

// The host's console lifetime handles SIGINT/SIGTERM and drains gracefully (up to 30 s): System.CommandLine must not
// also race it with its own short termination timeout.
return await CommandLine.Build().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
