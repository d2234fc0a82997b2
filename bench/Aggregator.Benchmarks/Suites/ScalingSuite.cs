using System.Globalization;
using System.Text;
using Aggregator.Benchmarks.Infrastructure;

namespace Aggregator.Benchmarks.Suites;

/// <summary>Whole-topology throughput with 1 and with 2 instances (one stream thread each) of one application, same data, alternating.</summary>
internal sealed class ScalingSuite : ISuite
{
    public string Name => "scaling";

    public async Task<string> RunAsync(BenchContext context)
    {
        var kafka = context.Kafka;
        var events = context.Options.Events;
        var data = RawData.Generate(events, seed: 11);
        var raw = kafka.CreateTopic("raw", AppTopics.Partitions);
        var optOuts = kafka.CreateTopic("optouts", AppTopics.Partitions);
        data.ProduceTo(kafka, raw);
        var rates = new Dictionary<int, Samples> { [1] = new(), [2] = new() };
        var ratio = new Samples();
        var problems = new List<string>();
        for (var repeat = 1; repeat <= context.Options.Repeats; repeat++)
        {
            var pair = new Dictionary<int, double>();
            foreach (var instances in new[] { 1, 2 })
            {
                var run = await WholeTopologyRun.RunAsync(context, data, raw, optOuts, instances);
                if (!run.Finished)
                {
                    problems.Add(run.Detail);
                    continue;
                }

                pair[instances] = run.CommittedRate(events);
                rates[instances].Add(pair[instances]);
                context.Log($"scaling #{repeat}: {instances} instance(s) {pair[instances]:N0} ev/s");
            }

            if (pair.Count == 2)
            {
                ratio.Add(pair[2] / pair[1]);
            }
        }

        var text = new StringBuilder();
        text.AppendLine("## 6. Scaling: 1 vs 2 instances");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{events:N0} pre-produced events, 6 partitions; instances of one application id in this process, one stream thread each, started one after the other");
        text.AppendLine("(the second joins and the group rebalances while the first already works). Rate until every input offset is committed, as in section 1.");
        text.AppendLine(CultureInfo.InvariantCulture, $"The machine has {Environment.ProcessorCount} cores shared with the embedded broker and its clients, so two instances compete with them.");
        text.AppendLine();
        text.AppendLine("| instances | events/s |");
        text.AppendLine("|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| 1 | {rates[1].Format()} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| 2 | {rates[2].Format()} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| ratio 2 / 1 | {ratio.Format("N2")} |");
        foreach (var problem in problems)
        {
            text.AppendLine();
            text.AppendLine($"**Problem:** {problem}.");
        }

        return text.ToString();
    }
}
