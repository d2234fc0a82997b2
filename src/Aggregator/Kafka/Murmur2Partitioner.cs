namespace Aggregator.Kafka;

/// <summary>
/// Kafka's default key partitioner (murmur2, as in the Java client and librdkafka's "murmur2_random" for non-null
/// keys): which partition a key lives in, so an instance can tell whether it owns the task holding a key.
/// </summary>
internal static class Murmur2Partitioner
{
    public static int Partition(ReadOnlySpan<byte> key, int partitions) => (Hash(key) & 0x7fffffff) % partitions;

    public static int Hash(ReadOnlySpan<byte> data)
    {
        const uint Seed = 0x9747b28c;
        const uint M = 0x5bd1e995;
        const int R = 24;
        var length = data.Length;
        var h = Seed ^ (uint)length;
        var i = 0;
        for (; i + 4 <= length; i += 4)
        {
            var k = (uint)(data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
            k *= M;
            k ^= k >> R;
            k *= M;
            h *= M;
            h ^= k;
        }

        switch (length - i)
        {
            case 3:
                h ^= (uint)data[i + 2] << 16;
                goto case 2;
            case 2:
                h ^= (uint)data[i + 1] << 8;
                goto case 1;
            case 1:
                h ^= data[i];
                h *= M;
                break;
        }

        h ^= h >> 13;
        h *= M;
        h ^= h >> 15;
        return (int)h;
    }
}
