using Aggregator.Streams.State;
using Confluent.Kafka;

namespace Aggregator.Streams.Processors;

/// <summary>What a processor can see and do: its task, the current record's origin, time, stores, punctuation.</summary>
public interface IProcessorContext
{
    string ApplicationId { get; }

    TaskId TaskId { get; }

    /// <summary>Origin of the record being processed; null inside a punctuator.</summary>
    RecordMetadata? RecordMetadata { get; }

    /// <summary>Headers of the record being processed (empty inside a punctuator).</summary>
    Headers Headers { get; }

    /// <summary>The largest record timestamp this task has processed (epoch ms), or -1 before any.</summary>
    long StreamTime { get; }

    /// <summary>Current wall-clock time (epoch ms) from the runtime's TimeProvider.</summary>
    long WallClockTime { get; }

    TStore GetStateStore<TStore>(string name) where TStore : class, IStateStore;

    /// <summary>
    /// Calls <paramref name="punctuator"/> every <paramref name="interval"/> of stream time (driven by record
    /// timestamps; nothing happens while no records arrive) or wall-clock time (driven by the TimeProvider).
    /// The callback receives the time (epoch ms) that triggered it.
    /// </summary>
    ICancellable Schedule(TimeSpan interval, PunctuationType type, Action<long> punctuator);

    /// <summary>Asks the runtime to commit as soon as possible (after the current record).</summary>
    void RequestCommit();

    /// <summary>
    /// How many tasks write the repartition topic named <paramref name="repartitionName"/> in the topology (as given
    /// to <c>Repartition</c>) that this task reads: each of them is an upstream whose progress this task waits for.
    /// 0 when the task reads no such topic.
    /// </summary>
    int UpstreamTaskCount(string repartitionName);
}

/// <summary>A context that can forward records of the processor's output type.</summary>
public interface IProcessorContext<TKeyOut, TValueOut> : IProcessorContext
{
    /// <summary>Sends a record to every child processor.</summary>
    void Forward(Record<TKeyOut, TValueOut> record);

    /// <summary>Sends a record to the named child only.</summary>
    void Forward(Record<TKeyOut, TValueOut> record, string childName);
}
