namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>The activity topology's external topics for one run (fresh outputs, so their offsets count this run only).</summary>
internal sealed record AppTopics(string Raw, string OptOuts, string Refined, string Counts, string Dlq)
{
    public const int Partitions = 6;

    public static AppTopics Fresh(BenchKafka kafka, string raw, string optOuts) =>
        new(raw, optOuts, kafka.CreateTopic("refined", Partitions), kafka.CreateTopic("counts", Partitions), kafka.CreateTopic("dlq", Partitions));
}
