using Aggregator.Activity;

namespace Aggregator.Tests.Activity;

public sealed class IpMaskerTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.0")]
    [InlineData("203.0.113.255", "203.0.113.0")]
    [InlineData("10.1.2.3", "10.1.2.0")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("255.255.255.255", "255.255.255.0")]
    [InlineData(" 198.51.100.23 ", "198.51.100.0")]
    public void Mask_TruncatesIPv4_To24(string ip, string masked)
    {
        Assert.Equal(masked, IpMasker.Mask(ip));
    }

    [Theory]
    [InlineData("2001:db8:85a3::8a2e:370:7334", "2001:db8:85a3::")]
    [InlineData("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:db8:85a3::")]
    [InlineData("2001:db8:85a3:1234:5678::1", "2001:db8:85a3::")]
    [InlineData("2001:DB8::1", "2001:db8::")]
    [InlineData("fe80::1ff:fe23:4567:890a%eth0", "fe80::")]
    [InlineData("::1", "::")]
    public void Mask_TruncatesIPv6_To48(string ip, string masked)
    {
        Assert.Equal(masked, IpMasker.Mask(ip));
    }

    [Fact]
    public void Mask_TreatsIPv4MappedIPv6_AsIPv4()
    {
        Assert.Equal("203.0.113.0", IpMasker.Mask("::ffff:203.0.113.7"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("unknown")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1")]
    [InlineData("127.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3.4:443")]
    [InlineData("1.2.3.4, 5.6.7.8")]
    [InlineData("1..2.3")]
    [InlineData("2001:db8:::1")]
    [InlineData("gggg::1")]
    [InlineData("[2001:db8::1]:80 extra")]
    [InlineData("[2001:db8::1]:80")]
    [InlineData("[2001:db8::1]")]
    public void Mask_ReturnsNull_ForInvalidAddresses(string ip)
    {
        Assert.Null(IpMasker.Mask(ip));
    }
}
