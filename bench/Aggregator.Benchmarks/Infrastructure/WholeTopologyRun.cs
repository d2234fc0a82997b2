using System.Diagnostics;
using Aggregator.Topology;
using Confluent.Kafka;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// One run of the whole activity topology over pre-produced events with one or more instances (one application
/// id, fresh output topics). Finished when every event is in activity.refined and counts-by-key and the group has
/// committed every input up to the log ends noted at that moment.
/// </summary>
internal sealed record WholeTopologyRun(
    bool Finished, double FirstSeconds, double OutSeconds, double CommittedSeconds, CostProfile Cost, IReadOnlyDictionary<string, long> Written, string Detail)
{
    public static async Task<WholeTopologyRun> RunAsync(BenchContext context, RawData data, string raw, string optOuts, int instances)
    {
        var kafka = context.Kafka;
        var topics = AppTopics.Fresh(kafka, raw, optOuts);
        var appId = BenchKafka.UniqueName("whole");
        var byUser = $"{appId}-{ActivityTopology.RefinedByUser}-repartition";
        var byKey = $"{appId}-{ActivityTopology.CountsByKey}-repartition";
        var expected = data.ExpectedRefined;
        var clock = Stopwatch.StartNew();
        var cost = new CostProfile();
        var apps = new List<ActivityApp>();
        for (var i = 0; i < instances; i++)
        {
            apps.Add(await ActivityApp.StartAsync(kafka, topics, appId, $"i{i}", context.NewStateDirectory("whole")));
        }

        using var committed = kafka.CommittedOffsets(appId);
        var progress = new Progress(clock);
        Dictionary<TopicPartition, long>? targets = null;
        var timeout = context.Options.Quick ? TimeSpan.FromMinutes(3) : TimeSpan.FromMinutes(10);
        var finished = await progress.WaitAsync(
            [
                ("first", () => kafka.Cluster.Topics.ContainsKey(byUser) && kafka.HighWatermarks(byUser) > 0),
                ("out", () => progress["first"] is not null && kafka.HighWatermarks(topics.Refined) >= expected && kafka.HighWatermarks(byKey) >= expected
                    && (targets = kafka.LogEnds(kafka.TopicsStartingWith(appId + "-").Where(t => t.EndsWith("-repartition", StringComparison.Ordinal)).Append(raw))) is not null),
                ("committed", () => targets is not null && committed.CaughtUp(targets)),
            ],
            "committed",
            timeout,
            hopeless: () => kafka.LowWatermarks(byUser) + kafka.LowWatermarks(byKey) > 0);
        cost.Stop();
        var written = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var topic in kafka.TopicsStartingWith(appId + "-").Concat([topics.Refined, topics.Counts, topics.Dlq]))
        {
            var name = topic.Replace(appId + "-", "<app>-", StringComparison.Ordinal)
                .Replace(topics.Refined, "activity.refined", StringComparison.Ordinal)
                .Replace(topics.Counts, "activity.counts", StringComparison.Ordinal)
                .Replace(topics.Dlq, "activity.dlq", StringComparison.Ordinal);
            written[name] = kafka.HighWatermarks(topic);
        }

        var dropped = kafka.LowWatermarks(byUser) + kafka.LowWatermarks(byKey);
        var detail = finished ? string.Empty
            : dropped > 0
                ? $"whole topology ({instances} instance(s)) stopped: a later stage fell so far behind the refine stage that the embedded broker dropped {dropped:N0} unread repartition records (it keeps ~5 MB per partition); use fewer --events"
                : $"whole topology ({instances} instance(s)) did not finish within {timeout.TotalMinutes:F0} minutes (activity.refined {kafka.HighWatermarks(topics.Refined):N0} of {expected:N0})";
        foreach (var app in apps)
        {
            await app.DisposeAsync();
        }

        return new WholeTopologyRun(finished, progress["first"] ?? double.NaN, progress["out"] ?? double.NaN, progress["committed"] ?? double.NaN, cost, written, detail);
    }

    /// <summary>Input events per second from the first re-keyed record until every offset was committed (the headline).</summary>
    public double CommittedRate(int events) => events / (CommittedSeconds - FirstSeconds);

    /// <summary>Input events per second from the first re-keyed record until every event was in refined and counts-by-key.</summary>
    public double OutRate(int events) => events / (OutSeconds - FirstSeconds);
}
