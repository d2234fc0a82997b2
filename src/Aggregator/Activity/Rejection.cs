namespace Aggregator.Activity;

/// <summary>
/// Why a raw event was not refined: a stable <see cref="Code"/> from <see cref="RejectionCodes"/> and a
/// human <see cref="Detail"/> naming the field and the bound that was broken.
/// </summary>
internal sealed record Rejection(string Code, string Detail)
{
    public override string ToString() => Code + ": " + Detail;
}
