namespace Aggregator.Streams.Processors;

/// <summary>
/// The processor API (Kafka Streams 3.x style): a node that receives records, may use state stores,
/// schedule punctuators, and forward records of another type downstream.
/// One instance exists per task, so an implementation needs no locking.
/// </summary>
public interface IProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>
{
    void Init(IProcessorContext<TKeyOut, TValueOut> context)
    {
    }

    void Process(Record<TKeyIn, TValueIn> record);

    void Close()
    {
    }
}
