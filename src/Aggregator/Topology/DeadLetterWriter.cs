using Aggregator.Streams.Processors;
using Confluent.Kafka;

namespace Aggregator.Topology;

/// <summary>Turns a rejection into the dead-letter record: original key and value bytes, reason and origin in headers.</summary>
internal sealed class DeadLetterWriter : IProcessor<string?, RefineOutcome, byte[]?, byte[]?>
{
    private IProcessorContext<byte[]?, byte[]?> _context = null!;

    public void Init(IProcessorContext<byte[]?, byte[]?> context) => _context = context;

    public void Process(Record<string?, RefineOutcome> record)
    {
        var deadLetter = record.Value.DeadLetter!;
        var headers = new Headers();
        foreach (var (name, value) in deadLetter.Headers)
        {
            headers.Add(name, value);
        }

        _context.Forward(new Record<byte[]?, byte[]?>(deadLetter.Key, deadLetter.Value, record.Timestamp, headers));
    }
}
