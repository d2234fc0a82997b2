namespace Aggregator.Streams.Serdes;

/// <summary>Serializing into a caller's buffer where the serde can (<see cref="ISpanSerializer{T}"/>).</summary>
internal static class SerdeSpans
{
    /// <summary>
    /// <paramref name="value"/>'s bytes: written into <paramref name="buffer"/> (typically stack memory) when the serde
    /// can and they fit, else a new array — so store lookups on cache misses allocate nothing for string keys.
    /// </summary>
    public static ReadOnlySpan<byte> Serialize<T>(ISerde<T> serde, T value, Span<byte> buffer) =>
        serde is ISpanSerializer<T> spanSerializer && spanSerializer.TrySerialize(value, buffer, out var written)
            ? buffer[..written]
            : serde.Serialize(value);
}
