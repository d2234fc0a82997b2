using Aggregator.Activity;
using Aggregator.Privacy;
using Aggregator.Streams.Processors;
using Aggregator.Streams.State;

namespace Aggregator.Topology;

/// <summary>
/// Raw bytes in; refined events (keyed by user, stamped with their event time) or dead letters out. Events of
/// users who opted out are marked so the topology drops them (after counting), never logged with their content.
/// </summary>
internal sealed class RefineProcessor(ActivityRefiner refiner, ActivityMetrics metrics)
    : IProcessor<byte[]?, byte[]?, string?, RefineOutcome>
{
    private IProcessorContext<string?, RefineOutcome> _context = null!;
    private IReadOnlyKeyValueStore<string, bool> _optOuts = null!;

    public void Init(IProcessorContext<string?, RefineOutcome> context)
    {
        _context = context;
        _optOuts = context.GetStateStore<IKeyValueStore<string, bool>>(OptOutCheck.StoreName);
    }

    public void Process(Record<byte[]?, byte[]?> record)
    {
        var origin = _context.RecordMetadata;
        var source = origin is null ? SourcePosition.Unknown : new SourcePosition(origin.Topic, origin.Partition, origin.Offset);
        var result = refiner.Refine(record.Key, record.Value, source);
        if (!result.IsRefined)
        {
            var deadLetter = result.DeadLetter!;
            metrics.RecordDeadLettered(deadLetter.Rejection.Code);
            _context.Forward(new Record<string?, RefineOutcome>(null, new RefineOutcome(null, deadLetter), record.Timestamp));
            return;
        }

        var refined = result.Event!;
        var optedOut = OptOutCheck.IsOptedOut(_optOuts, refined.UserId);
        if (optedOut)
        {
            metrics.RecordOptedOut();
        }

        _context.Forward(new Record<string?, RefineOutcome>(refined.Key, new RefineOutcome(refined, null, optedOut), refined.EventTime.ToUnixTimeMilliseconds()));
    }
}
