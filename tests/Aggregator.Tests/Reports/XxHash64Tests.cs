using System.Text;
using Aggregator.Reports;

namespace Aggregator.Tests.Reports;

public sealed class XxHash64Tests
{
    // The reference implementation's published vectors (seed 0); together they cover the short path, the 4- and
    // 1-byte tails, and the 32-byte stripe loop with its merge rounds.
    [Theory]
    [InlineData("", 0xEF46DB3751D8E999UL)]
    [InlineData("a", 0xD24EC4F1A98C6E5BUL)]
    [InlineData("abc", 0x44BC2CF5AD770999UL)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0x856E843298F99AD7UL)]
    [InlineData("Nobody inspects the spammish repetition", 0xFBCEA83C8A378BF1UL)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x0B242D361FDA71BCUL)]
    public void Hash_MatchesReferenceVectors(string input, ulong expected)
    {
        Assert.Equal(expected, XxHash64.Hash(Encoding.ASCII.GetBytes(input)));
    }

    [Fact]
    public void Hash_DependsOnSeed()
    {
        Assert.NotEqual(XxHash64.Hash("abc"u8), XxHash64.Hash("abc"u8, seed: 1));
    }
}
