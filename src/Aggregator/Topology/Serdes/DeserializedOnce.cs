using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace Aggregator.Topology.Serdes;

/// <summary>
/// Deserializes each source record once where Streamiz would do it twice. Streamiz 1.8's <c>RecordQueue</c> deserializes
/// the record at the head of each partition's queue so the timestamp extractor can see a typed key and value, and the
/// source processor deserializes the same bytes again when the record is processed (issue 15; read in Streamiz's
/// <c>RecordQueue.ToConsumeObject</c> and <c>AbstractProcessor.DeserializeValue</c>). Both calls get the very same
/// <c>byte[]</c>, so this decorator remembers the last results on the calling thread by the array's identity: the
/// second call is a lookup. A miss only costs the deserialization Streamiz would have done anyway.
/// </summary>
/// <remarks>
/// Why per thread and a ring, not one slot: a stream thread deserializes the head of every task's queue before it
/// processes their records (one per task of a sub-topology, plus the next record of the queue it just polled), and
/// Streamiz may run several stream threads over one shared serdes instance. Results must not be mutated by
/// processors; ours are immutable records, and the first copy only ever reaches the timestamp extractor.
/// </remarks>
internal sealed class DeserializedOnce<T>(AbstractSerDes<T> inner) : AbstractSerDes<T>
{
    // Enough for the heads of 64 tasks' queues on one thread; a reference comparison per slot.
    private const int Slots = 64;

    [ThreadStatic]
    private static Ring? t_ring;

    public override byte[] Serialize(T data, SerializationContext context) => inner.Serialize(data, context);

    public override T Deserialize(byte[] data, SerializationContext context)
    {
        if (data is null)
        {
            return inner.Deserialize(data!, context);
        }

        var ring = t_ring ??= new Ring();
        if (ring.TryFind(this, data, out var remembered))
        {
            return remembered;
        }

        var value = inner.Deserialize(data, context);
        ring.Remember(this, data, value);
        return value;
    }

    private sealed class Ring
    {
        private readonly byte[]?[] _bytes = new byte[Slots][];
        private readonly DeserializedOnce<T>?[] _owners = new DeserializedOnce<T>[Slots];
        private readonly T[] _values = new T[Slots];
        private int _next;

        public bool TryFind(DeserializedOnce<T> owner, byte[] data, out T value)
        {
            for (var i = 0; i < Slots; i++)
            {
                if (ReferenceEquals(_bytes[i], data) && ReferenceEquals(_owners[i], owner))
                {
                    value = _values[i];
                    // A record is read at most twice: forget it, so the ring holds only records still to be processed.
                    _bytes[i] = null;
                    _owners[i] = null;
                    _values[i] = default!;
                    return true;
                }
            }

            value = default!;
            return false;
        }

        public void Remember(DeserializedOnce<T> owner, byte[] data, T value)
        {
            _bytes[_next] = data;
            _owners[_next] = owner;
            _values[_next] = value;
            _next = (_next + 1) % Slots;
        }
    }
}
