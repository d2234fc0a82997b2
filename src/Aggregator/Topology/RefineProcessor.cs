using Aggregator.Activity;
using Aggregator.Privacy;
using Aggregator.Serialization;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;

namespace Aggregator.Topology;

/// <summary>
/// Raw bytes in; refined events (keyed by user, stamped with their event time) or dead letters out. Records of
/// people who opted out — by any identity the record names, malformed records included — are marked so the topology
/// drops them (after counting) before anything about them is written, DLQ included; never logged with their content.
/// Each value is JSON or Confluent-framed Avro, told apart by its first byte (<see cref="RawInputDecoder"/>). A dead
/// letter keeps the value masked like refined events (an Avro value: its contract JSON, masked; undecodable Avro is
/// withheld), or the bytes as received when <c>Privacy:DlqKeepRaw</c> asks for them.
/// </summary>
internal sealed class RefineProcessor(ActivityRefiner refiner, RawInputDecoder raw, ActivityMetrics metrics, StreamsMetrics streams)
    : ITransformer<byte[], byte[], string, RefineOutcome>
{
    private ProcessorContext<string, RefineOutcome> _context = null!;
    private IReadOnlyKeyValueStore<string, bool> _optOuts = null!;
    private string _task = string.Empty;

    public void Init(ProcessorContext<string, RefineOutcome> context)
    {
        _context = context;
        _optOuts = OptOutCheck.Table(context);
        _task = context.Id.ToString();
        streams.TaskStarted(_task);
    }

    public Record<string, RefineOutcome> Process(Record<byte[], byte[]> record)
    {
        streams.RecordProcessed(_task);
        var position = record.TopicPartitionOffset;
        var source = position is null ? SourcePosition.Unknown : new SourcePosition(position.Topic, position.Partition.Value, position.Offset.Value);
        var origin = new RawOrigin(source.Partition, source.Offset);
        var input = raw.Decode(record.Value, source.Topic ?? string.Empty);
        var result = input.Rejection is { } rejection
            ? refiner.Reject(record.Key, record.Value, rejection, source)
            : refiner.Refine(record.Key, input.Json, source);
        if (!result.IsRefined)
        {
            var deadLetter = input.IsAvro && refiner.KeepsRawDeadLetters ? result.DeadLetter! with { Value = record.Value } : result.DeadLetter!;
            // Counted as a dead letter either way (the DLQ metric and the summaries' DLQ count), stored only when the
            // identities it names, as far as they can be read, are not opted out (issue 14).
            metrics.RecordDeadLettered(deadLetter.Rejection.Code);
            var withheld = OptOutCheck.IsOptedOut(_optOuts, IdentityProbe.Read(record.Key, input.Json ?? record.Value));
            if (withheld)
            {
                metrics.RecordDeadLetterWithheld();
            }

            // Not null: Streamiz skips null-keyed records at stateful processors (the stats stage counts dead letters).
            return Record<string, RefineOutcome>.Create(string.Empty, new RefineOutcome(null, deadLetter, origin, withheld));
        }

        var refined = result.Event!;
        if (result.DroppedProperties > 0)
        {
            metrics.RecordPropertiesDropped(result.DroppedProperties);
        }

        var optedOut = OptOutCheck.IsOptedOut(_optOuts, refined.UserId, refined.AnonymousId);
        if (optedOut)
        {
            metrics.RecordOptedOut();
        }

        // Event time from here on: the windows count it, and repartition records carry it.
        _context.ChangeTimestamp(refined.EventTime.ToUnixTimeMilliseconds());
        return Record<string, RefineOutcome>.Create(refined.Key, new RefineOutcome(refined, null, origin, optedOut));
    }

    public void Close() => streams.TaskClosed(_task);
}
