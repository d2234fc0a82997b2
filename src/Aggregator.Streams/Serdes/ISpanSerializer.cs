namespace Aggregator.Streams.Serdes;

/// <summary>
/// A serde that can also write into a caller's buffer: store lookups serialize a key on every cache miss, and
/// a stack buffer spares them an array per lookup.
/// </summary>
internal interface ISpanSerializer<in T>
{
    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/>; false when it does not fit.</summary>
    bool TrySerialize(T value, Span<byte> destination, out int written);
}
