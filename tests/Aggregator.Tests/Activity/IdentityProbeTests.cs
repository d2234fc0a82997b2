using System.Text;
using Aggregator.Activity;

namespace Aggregator.Tests.Activity;

public sealed class IdentityProbeTests
{
    [Theory]
    [InlineData("""{"userId":"u-1","anonymousId":"a-1","type":3}""", "u-1", "a-1")]
    [InlineData("{\"nested\":{\"userId\":\"not-this\"},\"anonymousId\":\"a-1\"", null, "a-1")] // truncated after the id
    [InlineData("""{"userId":"u-1","x":tru""", "u-1", null)] // damaged after the id
    [InlineData("""{"x":!,"userId":"u-1"}""", null, null)] // damaged before it: nothing can be trusted after
    [InlineData("""["u-1"]""", null, null)]
    [InlineData("not json", null, null)]
    [InlineData("\uFEFF{\"userId\":\"u-bom\"}", "u-bom", null)]
    public void Read_FindsTheTopLevelIdsReadBeforeAnyDamage(string value, string? userId, string? anonymousId)
    {
        var identities = IdentityProbe.Read([], Encoding.UTF8.GetBytes(value));

        Assert.Equal(userId, identities.UserId);
        Assert.Equal(anonymousId, identities.AnonymousId);
        Assert.Null(identities.Key);
    }

    [Fact]
    public void Read_TakesTheKeyAsAnIdentity_WhenItIsText()
    {
        Assert.Equal("u-key", IdentityProbe.Read("u-key"u8, "{}"u8).Key);
        Assert.Null(IdentityProbe.Read([0xff, 0xfe], "{}"u8).Key);
    }
}
