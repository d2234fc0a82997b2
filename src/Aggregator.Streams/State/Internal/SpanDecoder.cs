namespace Aggregator.Streams.State.Internal;

/// <summary>Decodes a stored value in place, so reads can avoid copying bytes out of the storage engine.</summary>
internal delegate T SpanDecoder<out T>(ReadOnlySpan<byte> data);
