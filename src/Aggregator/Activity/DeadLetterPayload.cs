namespace Aggregator.Activity;

/// <summary>Values of the <c>dlq.payload</c> header: what a dead letter's value is (docs/privacy.md).</summary>
internal static class DeadLetterPayload
{
    /// <summary>The rejected value with the refined topic's masking applied (<see cref="DeadLetterMasker"/>).</summary>
    public const string Masked = "masked";

    /// <summary>No value: it was not a readable JSON object, so it could not be masked.</summary>
    public const string Withheld = "withheld";

    /// <summary>The original bytes, because <c>Privacy:DlqKeepRaw</c> is set.</summary>
    public const string Raw = "raw";
}
