// Placeholder entry point; the CLI (System.CommandLine) replaces it.
Aggregator.Streams.Kafka.Native.KafkaNativeLibrary.EnsureInitialized();
System.Console.WriteLine("librdkafka " + Confluent.Kafka.Library.VersionString);
