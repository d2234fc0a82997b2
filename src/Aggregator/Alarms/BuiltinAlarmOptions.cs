using Microsoft.Extensions.Options;

namespace Aggregator.Alarms;

/// <summary><c>Alarms:Builtin</c>: the alarms every deployment gets, each on by default and tunable.</summary>
internal sealed class BuiltinAlarmOptions
{
    public const string PipelineStalledName = "PipelineStalled";
    public const string LagGrowingName = "LagGrowing";
    public const string DlqSpikeName = "DlqSpike";

    public static IReadOnlyList<string> Names { get; } = [PipelineStalledName, LagGrowingName, DlqSpikeName];

    [ValidateObjectMembers]
    public PipelineStalledOptions PipelineStalled { get; set; } = new();

    [ValidateObjectMembers]
    public LagGrowingOptions LagGrowing { get; set; } = new();

    [ValidateObjectMembers]
    public DlqSpikeOptions DlqSpike { get; set; } = new();
}
