using System.Security.Cryptography;
using System.Text;
using Aggregator.Activity;

namespace Aggregator.Tests.Activity;

public sealed class EventIdGeneratorTests
{
    private static readonly byte[] Value = Encoding.UTF8.GetBytes("""{"type":"t","timestamp":0,"userId":"u"}""");

    [Fact]
    public void FromRawValue_IsGenPrefixPlusHexOfFirst16BytesOfSha256()
    {
        var expected = "gen-" + Convert.ToHexString(SHA256.HashData(Value))[..32].ToLowerInvariant();

        Assert.Equal(expected, EventIdGenerator.FromRawValue(Value));
        Assert.Equal(36, expected.Length);
    }

    [Fact]
    public void FromRawValue_IsDeterministic_ForIdenticalBytes()
    {
        Assert.Equal(EventIdGenerator.FromRawValue(Value), EventIdGenerator.FromRawValue(Value.ToArray()));
    }

    [Fact]
    public void FromRawValue_Differs_WhenOneByteDiffers()
    {
        var other = Value.ToArray();
        other[^2] = (byte)'v';

        Assert.NotEqual(EventIdGenerator.FromRawValue(Value), EventIdGenerator.FromRawValue(other));
    }
}
