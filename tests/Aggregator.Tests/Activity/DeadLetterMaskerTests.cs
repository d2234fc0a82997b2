using System.Text;
using Aggregator.Activity;

namespace Aggregator.Tests.Activity;

public sealed class DeadLetterMaskerTests
{
    private static readonly DeadLetterMasker Masker = new(
        QueryStringSanitizer.For(ActivityMaskingOptions.DefaultSensitiveQueryParameters), PropertyAllowList.For(["price"]));

    [Theory]
    [InlineData("""{"ip":"2001:db8:1234:5678::1"}""", """{"ip":"2001:db8:1234::"}""")]
    [InlineData("""{"ip":"not an ip"}""", """{"ip":null}""")]
    [InlineData("""{"ip":17,"url":["https://a/?token=x"],"userAgent":{"raw":"Mozilla"}}""", """{"ip":null,"url":null,"userAgent":null}""")] // not strings: nothing of them kept
    [InlineData("""{"url":"https://a.example/p?token=x#id_token=y"}""", """{"url":"https://a.example/p"}""")]
    [InlineData("""{"referrer":null,"properties":null}""", """{"referrer":null,"properties":null}""")]
    [InlineData("""{"properties":"jane@example.com"}""", """{"properties":{}}""")]
    [InlineData("""{"properties":{"price":1,"email":"jane@example.com"},"type":"t"}""", """{"properties":{"price":1},"type":"t"}""")]
    public void Mask_AppliesTheRefinedRules_FieldByField(string raw, string masked)
    {
        var (value, payload) = Masker.Mask(Encoding.UTF8.GetBytes(raw));

        Assert.Equal(DeadLetterPayload.Masked, payload);
        Assert.Equal(masked, Encoding.UTF8.GetString(value!));
    }

    [Theory]
    [InlineData("""{"ip":"203.0.113.7"} trailing""")]
    [InlineData("""{"ip":"203.0.113.7",""")]
    [InlineData("""[{"ip":"203.0.113.7"}]""")]
    [InlineData("ip=203.0.113.7")]
    public void Mask_WithholdsWhatItCannotReadAsAnObject(string raw)
    {
        var (value, payload) = Masker.Mask(Encoding.UTF8.GetBytes(raw));

        Assert.Null(value);
        Assert.Equal(DeadLetterPayload.Withheld, payload);
    }

    [Fact]
    public void Mask_WithholdsInvalidUtf8()
    {
        var (value, payload) = Masker.Mask([0x7b, 0xff, 0x7d]);

        Assert.Null(value);
        Assert.Equal(DeadLetterPayload.Withheld, payload);
    }
}
