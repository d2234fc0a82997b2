using Aggregator.Streams.Runtime;

namespace Aggregator.Streams.State.Internal;

/// <summary>
/// A global table's store: updated by the instance's global thread from the whole topic, read concurrently
/// by every task. The topic itself is its changelog, so it needs no other.
/// </summary>
internal interface IGlobalStore : IStateStore
{
    /// <summary>Applies one record of the topic (null value = delete). Returns false if it was skipped as malformed.</summary>
    bool Apply(in RawRecord record, DeserializationErrorHandler errors);

    long Count { get; }
}
