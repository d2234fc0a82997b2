using Confluent.Kafka;
using Streamiz.Kafka.Net.Processors.Public;

namespace Aggregator.Topology;

/// <summary>Turns a rejection into the dead-letter record: original key and value bytes, reason and origin in headers.</summary>
internal sealed class DeadLetterWriter : ITransformer<string, RefineOutcome, byte[], byte[]>
{
    public void Init(ProcessorContext<byte[], byte[]> context)
    {
    }

    public Record<byte[], byte[]> Process(Record<string, RefineOutcome> record)
    {
        var deadLetter = record.Value.DeadLetter!;
        var headers = new Headers();
        foreach (var (name, value) in deadLetter.Headers)
        {
            headers.Add(name, value);
        }

        return Record<byte[], byte[]>.Create(deadLetter.Key!, deadLetter.Value!, headers);
    }

    public void Close()
    {
    }
}
