namespace Aggregator.Alarms;

/// <summary>Which evaluator produced a transition; decides the wording of its message.</summary>
internal enum AlarmSource
{
    /// <summary>A threshold on 5-minute window counts (configured rules and the built-in DlqSpike).</summary>
    Threshold,

    /// <summary>The built-in PipelineStalled: no input for a while.</summary>
    PipelineStalled,

    /// <summary>The built-in LagGrowing: consumer lag growing on some partitions.</summary>
    LagGrowing,
}
