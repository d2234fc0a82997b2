using Aggregator.Topology;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;

namespace Aggregator.Privacy;

/// <summary>
/// Keeps the global opt-out store current from <c>privacy.optouts</c> on every instance: an opt-out (or an opt back in,
/// or a tombstone) is applied as it is read, and counted (<c>aggregator.streams.global.records_loaded</c>), so an
/// operator and the tests can see opt-outs arrive. A global store rather than Streamiz's GlobalTable for that count.
/// </summary>
internal sealed class OptOutTableUpdater(StreamsMetrics streams) : IProcessor<string, bool>
{
    private IKeyValueStore<string, bool> _store = null!;

    public void Init(ProcessorContext<string, bool> context) =>
        _store = (IKeyValueStore<string, bool>)context.GetStateStore(OptOutCheck.StoreName);

    public void Process(Record<string, bool> record)
    {
        streams.RecordGlobalLoaded();
        if (record.Key is null)
        {
            return;
        }

        if (record.Value)
        {
            _store.Put(record.Key, true);
        }
        else
        {
            _store.Delete(record.Key);
        }
    }

    public void Close()
    {
    }
}
