using System.Buffers.Binary;
using Aggregator.RocksDb.Tests.TestSupport;

namespace Aggregator.RocksDb.Tests;

public sealed class RocksDatabaseConcurrencyTests
{
    private const int Keys = 500;

    [Fact]
    public void ConcurrentReaders_SeeConsistentValues_WhileWriterWrites()
    {
        using var t = new TestDatabase(new RocksDbOptions { WriteBufferSizeBytes = 256 * 1024 }); // flushes during the run
        var done = 0;
        var failures = new List<string>();
        var reads = new long[4];

        void Fail(string message)
        {
            lock (failures)
            {
                failures.Add(message);
            }
        }

        var readers = Enumerable.Range(0, reads.Length).Select(r => new Thread(() =>
        {
            // Values carry (key id, version); versions only grow, so each reader must never see one go back.
            var lastSeen = new long[Keys];
            var random = new Random(r);
            try
            {
                while (Volatile.Read(ref done) == 0)
                {
                    if (r % 2 == 0)
                    {
                        var id = random.Next(Keys);
                        if (t.Db.TryGet(Key(id), static v => Decode(v), out var value))
                        {
                            Check(id, value, lastSeen, Fail);
                        }

                        var copy = t.Db.Get(Key(id));
                        if (copy is not null)
                        {
                            Check(id, Decode(copy), lastSeen, Fail);
                        }
                    }
                    else
                    {
                        var from = random.Next(Keys);
                        using var it = t.Db.CreateIterator(Key(from), Key(from + 50));
                        var previous = -1;
                        for (it.SeekToFirst(); it.IsValid; it.Next())
                        {
                            var id = BinaryPrimitives.ReadInt32BigEndian(it.Key[2..]);
                            if (id <= previous || id < from || id >= from + 50)
                            {
                                Fail($"iterator order/bounds broken: {previous} then {id} in [{from}, {from + 50})");
                            }

                            previous = id;
                            Check(id, Decode(it.Value), lastSeen, Fail);
                        }

                        it.ThrowIfError();
                    }

                    reads[r]++;
                }
            }
            catch (Exception e)
            {
                Fail(e.ToString());
            }
        })).ToList();
        readers.ForEach(reader => reader.Start());

        var model = new long?[Keys];
        var random = new Random(42);
        using var batch = new RocksWriteBatch();
        for (long version = 1; version <= 30_000; version++)
        {
            var id = random.Next(Keys);
            switch (version % 10)
            {
                case 0:
                    t.Db.Delete(Key(id));
                    model[id] = null;
                    break;
                case < 5:
                    t.Db.Put(Key(id), Encode(id, version));
                    model[id] = version;
                    break;
                default:
                    batch.Clear();
                    batch.Put(Key(id), Encode(id, version));
                    var other = (id + 1) % Keys;
                    batch.Put(Key(other), Encode(other, version));
                    t.Db.Write(batch);
                    model[id] = model[other] = version;
                    break;
            }
        }

        Volatile.Write(ref done, 1);
        readers.ForEach(reader => reader.Join());

        Assert.Empty(failures);
        Assert.All(reads, count => Assert.True(count > 0));
        for (var id = 0; id < Keys; id++)
        {
            var stored = t.Db.Get(Key(id));
            Assert.Equal(model[id], stored is null ? null : Decode(stored).Version);
        }
    }

    private static void Check(int id, (int Id, long Version) value, long[] lastSeen, Action<string> fail)
    {
        if (value.Id != id)
        {
            fail($"key {id} holds the value of key {value.Id}");
        }

        if (value.Version < lastSeen[id])
        {
            fail($"key {id} went back from version {lastSeen[id]} to {value.Version}");
        }

        lastSeen[id] = value.Version;
    }

    private static byte[] Key(int id)
    {
        var key = new byte[6];
        key[0] = (byte)'k';
        key[1] = (byte)'/';
        BinaryPrimitives.WriteInt32BigEndian(key.AsSpan(2), id);
        return key;
    }

    private static byte[] Encode(int id, long version)
    {
        var value = new byte[12 + 64]; // some padding so the run spans several memtables and SST files
        BinaryPrimitives.WriteInt32BigEndian(value, id);
        BinaryPrimitives.WriteInt64BigEndian(value.AsSpan(4), version);
        return value;
    }

    private static (int Id, long Version) Decode(ReadOnlySpan<byte> value) =>
        (BinaryPrimitives.ReadInt32BigEndian(value), BinaryPrimitives.ReadInt64BigEndian(value[4..]));
}
