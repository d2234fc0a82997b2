using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Aggregator.Streams.Serdes;

/// <summary>Built-in serdes, wire-compatible with Kafka's Java serializers where one exists.</summary>
public static class Serdes
{
    /// <summary>UTF-8 strings (Kafka's StringSerializer).</summary>
    public static ISerde<string> String { get; } = new StringSerde();

    /// <summary>64-bit big-endian integers (Kafka's LongSerializer).</summary>
    public static ISerde<long> Long { get; } = new LongSerde();

    /// <summary>32-bit big-endian integers (Kafka's IntegerSerializer).</summary>
    public static ISerde<int> Int { get; } = new IntSerde();

    /// <summary>Bytes as they are.</summary>
    public static ISerde<byte[]> ByteArray { get; } = new ByteArraySerde();

    /// <summary>
    /// The serde used when none was given for a type: built-ins for string, long, int and byte[] (Kafka Streams'
    /// default.key/value.serde, without the surprise of a wrong global default for other types).
    /// </summary>
    public static ISerde<T>? DefaultFor<T>() => typeof(T) == typeof(string) ? (ISerde<T>)String
        : typeof(T) == typeof(long) ? (ISerde<T>)Long
        : typeof(T) == typeof(int) ? (ISerde<T>)Int
        : typeof(T) == typeof(byte[]) ? (ISerde<T>)ByteArray
        : null;

    /// <summary>JSON through System.Text.Json source-generated metadata (no reflection at run time).</summary>
    public static ISerde<T> Json<T>(JsonTypeInfo<T> typeInfo) => new JsonSerde<T>(typeInfo);

    private sealed class StringSerde : ISerde<string>, ISpanSerializer<string>
    {
        public byte[] Serialize(string value) => Encoding.UTF8.GetBytes(value);

        public bool TrySerialize(string value, Span<byte> destination, out int written) =>
            Encoding.UTF8.TryGetBytes(value, destination, out written);

        public string Deserialize(ReadOnlySpan<byte> data) => Encoding.UTF8.GetString(data);
    }

    private sealed class LongSerde : ISerde<long>
    {
        public byte[] Serialize(long value)
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(bytes, value);
            return bytes;
        }

        public long Deserialize(ReadOnlySpan<byte> data) => data.Length == 8
            ? BinaryPrimitives.ReadInt64BigEndian(data)
            : throw new FormatException($"A long needs 8 bytes, got {data.Length}.");
    }

    private sealed class IntSerde : ISerde<int>
    {
        public byte[] Serialize(int value)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(bytes, value);
            return bytes;
        }

        public int Deserialize(ReadOnlySpan<byte> data) => data.Length == 4
            ? BinaryPrimitives.ReadInt32BigEndian(data)
            : throw new FormatException($"An int needs 4 bytes, got {data.Length}.");
    }

    private sealed class ByteArraySerde : ISerde<byte[]>, IPassThroughBytesSerde
    {
        public byte[] Serialize(byte[] value) => value;

        public byte[] Deserialize(ReadOnlySpan<byte> data) => data.ToArray();
    }

    private sealed class JsonSerde<T>(JsonTypeInfo<T> typeInfo) : ISerde<T>
    {
        public byte[] Serialize(T value) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

        public T Deserialize(ReadOnlySpan<byte> data) =>
            JsonSerializer.Deserialize(data, typeInfo) ?? throw new FormatException("JSON 'null' is not a value.");
    }
}
