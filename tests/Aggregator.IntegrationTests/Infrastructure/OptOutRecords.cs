namespace Aggregator.IntegrationTests.Infrastructure;

/// <summary>Values of privacy.optouts as the contract spells them (docs: {"optedOut":true} opts a user out).</summary>
internal static class OptOutRecords
{
    public static byte[] OptedOut => """{"optedOut":true}"""u8.ToArray();
}
