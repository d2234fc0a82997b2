namespace Aggregator.Streams.Serdes;

/// <summary>
/// Turns values of <typeparamref name="T"/> into bytes and back. Null keys and values never reach a serde:
/// the runtime maps a null on the wire to a null/default record field (a tombstone) and back.
/// </summary>
public interface ISerde<T>
{
    byte[] Serialize(T value);

    /// <summary>Throws on malformed input; the runtime routes that to its deserialization handler.</summary>
    T Deserialize(ReadOnlySpan<byte> data);
}
