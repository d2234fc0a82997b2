using System.Text.Json;
using System.Text.Json.Serialization;
using Aggregator.Reports;
using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

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

internal sealed class ReportingRecordSerDes : AbstractSerDes<ReportingRecord>
{
    public static ReportingRecordSerDes Instance { get; } = new();

    public override byte[] Serialize(ReportingRecord data, SerializationContext context) => JsonSerializer.SerializeToUtf8Bytes(data, ReportingJsonContext.Default.ReportingRecord);

    public override ReportingRecord Deserialize(byte[] data, SerializationContext context) =>
        (data is null ? null : JsonSerializer.Deserialize(data, ReportingJsonContext.Default.ReportingRecord)) ?? throw new FormatException("Empty reporting record.");
}

[JsonSerializable(typeof(ReportingRecord))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class ReportingJsonContext : JsonSerializerContext;
