using System.Text.Json;
using System.Text.Json.Serialization;
using Aggregator.Reports;
using Aggregator.Streams.Serdes;

namespace Aggregator.Topology.Reporting;

/// <summary>
/// What every task sends to the single report merger: its cumulative partial for a report interval, its
/// cumulative count for one alarm rule and hopping window, or how far it has got (see <see cref="StatsProgress"/>). Cumulative and keyed by source, so a resend or a replay
/// only restates a value: the merger keeps the latest per source and sums across sources.
/// </summary>
internal sealed record ReportingRecord
{
    public ReportPartial? Interval { get; init; }

    public RuleWindowCount? Window { get; init; }

    public StatsProgress? Progress { get; init; }
}

/// <summary>One source task's count of records matching <see cref="Rule"/> in one hopping window.</summary>
internal sealed record RuleWindowCount(string Source, string Rule, long WindowStart, long WindowEnd, long Count);

internal sealed class ReportingRecordSerde : ISerde<ReportingRecord>
{
    public static ReportingRecordSerde Instance { get; } = new();

    public byte[] Serialize(ReportingRecord value) => JsonSerializer.SerializeToUtf8Bytes(value, ReportingJsonContext.Default.ReportingRecord);

    public ReportingRecord Deserialize(ReadOnlySpan<byte> data) =>
        JsonSerializer.Deserialize(data, ReportingJsonContext.Default.ReportingRecord) ?? throw new FormatException("Empty reporting record.");
}

[JsonSerializable(typeof(ReportingRecord))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class ReportingJsonContext : JsonSerializerContext;
