using System.Text;
using Aggregator.Reports;

namespace Aggregator.Tests.Reports;

public sealed class HyperLogLogTests
{
    private static HyperLogLog Sketch(string prefix, int from, int count)
    {
        var sketch = new HyperLogLog();
        for (var i = from; i < from + count; i++)
        {
            sketch.Add($"{prefix}-{i:D7}");
        }

        return sketch;
    }

    [Fact]
    public void Empty_EstimatesZero_AndSerializesEmpty()
    {
        var sketch = new HyperLogLog();

        Assert.Equal(0, sketch.Estimate());
        Assert.True(sketch.IsEmpty);
        Assert.Empty(sketch.ToBytes());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    public void SmallCounts_AreExact(int distinct)
    {
        Assert.Equal(distinct, Sketch("u", 0, distinct).Estimate());
    }

    [Theory]
    [InlineData("u", 1_000)]
    [InlineData("u", 10_000)]
    [InlineData("anon", 10_000)]
    [InlineData("u", 40_000)]
    [InlineData("u", 100_000)]
    [InlineData("anon", 100_000)]
    public void Estimate_IsWithinThreePercent(string prefix, int distinct)
    {
        var estimate = Sketch(prefix, 0, distinct).Estimate();

        Assert.InRange(estimate, distinct * 0.97, distinct * 1.03);
    }

    [Fact]
    public void Duplicates_DoNotCount()
    {
        var sketch = Sketch("u", 0, 5_000);
        var before = sketch.Estimate();
        for (var i = 0; i < 5_000; i++)
        {
            sketch.Add($"u-{i:D7}");
        }

        Assert.Equal(before, sketch.Estimate());
    }

    [Fact]
    public void Merge_IsTheUnion_RegisterForRegister()
    {
        // Two tasks saw overlapping users (20,000..29,999 on both): the union counts them once.
        var a = Sketch("u", 0, 30_000);
        var b = Sketch("u", 20_000, 30_000);
        var union = Sketch("u", 0, 50_000);

        a.Merge(b);

        Assert.Equal(union.ToBytes(), a.ToBytes());
        Assert.InRange(a.Estimate(), 50_000 * 0.97, 50_000 * 1.03);
    }

    [Fact]
    public void Merge_IsCommutative_AndIdempotent()
    {
        var a = Sketch("u", 0, 3_000);
        var b = Sketch("v", 0, 3_000);
        var ab = HyperLogLog.FromBytes(a.ToBytes());
        ab.Merge(b);
        var ba = HyperLogLog.FromBytes(b.ToBytes());
        ba.Merge(a);

        Assert.Equal(ab.ToBytes(), ba.ToBytes());
        ab.Merge(b);
        Assert.Equal(ba.ToBytes(), ab.ToBytes());
    }

    [Fact]
    public void Merge_WithEmptySerializedSketch_ChangesNothing()
    {
        var a = Sketch("u", 0, 100);
        var before = a.ToBytes();

        a.Merge(ReadOnlySpan<byte>.Empty);

        Assert.Equal(before, a.ToBytes());
    }

    [Fact]
    public void Bytes_RoundTrip()
    {
        var sketch = Sketch("u", 0, 2_000);

        var copy = HyperLogLog.FromBytes(sketch.ToBytes());

        Assert.Equal(HyperLogLog.RegisterCount, sketch.ToBytes().Length);
        Assert.Equal(sketch.Estimate(), copy.Estimate());
        Assert.Equal(sketch.ToBytes(), copy.ToBytes());
    }

    [Fact]
    public void FromBytes_RejectsWrongLength_AndImpossibleRegisters()
    {
        Assert.Throws<FormatException>(() => HyperLogLog.FromBytes(new byte[4096]));
        var registers = new byte[HyperLogLog.RegisterCount];
        registers[7] = 52; // a 14-bit index leaves 50 hash bits: ranks 1..51
        Assert.Throws<FormatException>(() => HyperLogLog.FromBytes(registers));
    }

    [Fact]
    public void Add_UsesXxHash64OfUtf8_SoEveryProcessAgrees()
    {
        // xxHash64("abc") = 0x44BC2CF5AD770999: register = top 14 bits, rank = leading zeros of the rest + 1.
        const ulong hash = 0x44BC2CF5AD770999UL;
        var index = (int)(hash >> 50);
        var rank = System.Numerics.BitOperations.LeadingZeroCount(hash << 14) + 1;
        var sketch = new HyperLogLog();

        sketch.Add("abc");

        var registers = sketch.ToBytes();
        Assert.Equal(rank, registers[index]);
        Assert.Equal(1, registers.Count(r => r != 0));
    }

    [Fact]
    public void Add_StringAndUtf8Bytes_AreTheSameKey()
    {
        var fromString = new HyperLogLog();
        var fromBytes = new HyperLogLog();
        foreach (var key in new[] { "u-000042", "ünïcödé-用户", new string('x', 1000) })
        {
            fromString.Add(key);
            fromBytes.Add(Encoding.UTF8.GetBytes(key));
        }

        Assert.Equal(fromString.ToBytes(), fromBytes.ToBytes());
    }
}
