using System.Text.Json.Serialization;

namespace Aggregator.Reports;

/// <summary>Source-generated JSON for what the report pipeline sends and stores (no reflection, trimming-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ReportPartial))]
[JsonSerializable(typeof(IntervalReport))]
[JsonSerializable(typeof(CatchUp))]
internal sealed partial class ReportsJsonContext : JsonSerializerContext;
