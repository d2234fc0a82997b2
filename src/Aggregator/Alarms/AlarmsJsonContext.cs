using System.Text.Json.Serialization;

namespace Aggregator.Alarms;

/// <summary>Source-generated JSON of the alarm state (enums as names, so a stored state reads well and survives reordering).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AlarmState))]
internal sealed partial class AlarmsJsonContext : JsonSerializerContext;
