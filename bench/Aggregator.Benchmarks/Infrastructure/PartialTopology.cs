using Aggregator.Activity;
using Aggregator.Streams.Dsl;
using Microsoft.Extensions.Options;
using S = Aggregator.Streams.Serdes.Serdes;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// The runtime's reference workload from issue 3, on the same raw events: parse (the app's parser) → re-key by
/// "type|path" (through a repartition topic) → 5-minute windows hopping by 1 minute (grace 1 minute) counted in
/// RocksDB with a changelog → output topic. No refine, masking, dedup, opt-outs or reporting: the difference to
/// the whole topology is what those cost.
/// </summary>
internal static class PartialTopology
{
    public const string Store = "bench-counts";

    public static readonly TimeWindows Windows = TimeWindows.OfSizeAndGrace(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1)).AdvanceBy(TimeSpan.FromMinutes(1));

    public static Streams.Topology.Topology Build(string input, string output)
    {
        var parser = new RawEventParser(Options.Create(new ActivityValidationOptions()));
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<byte[], byte[]>.With(S.ByteArray, S.ByteArray))
            .MapValues(value => CountKey(parser, value), "parse")
            .Filter((_, key) => key is not null, "valid")
            .GroupBy((_, key) => key!, Grouped<string, string?>.With(S.String, S.String!).WithName("by-key"))
            .WindowedBy(Windows)
            .Count(Materialized<string, long>.As(Store))
            .ToStream()
            .SelectKey((windowed, _) => $"{windowed.Key}@{windowed.Window.StartMs}")
            .To(output, Produced<string, long>.With(S.String, S.Long));
        return builder.Build();
    }

    private static string? CountKey(RawEventParser parser, byte[] value)
    {
        var parsed = parser.Parse(value, DateTimeOffset.UtcNow);
        if (parsed.Event is not { } e)
        {
            return null;
        }

        var path = e.Url is null ? CountKeyBuilder.Missing : UrlParts.Parse(e.Url).Path;
        return string.Concat(e.Type, "|", path);
    }
}
