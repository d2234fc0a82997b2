namespace Aggregator.Activity;

/// <summary>
/// What goes to <c>activity.dlq</c> for a rejected event: the original key and value (the very arrays
/// received, so nothing is re-encoded) and the <see cref="DeadLetterHeaders"/>.
/// </summary>
internal sealed record DeadLetterRecord(
    byte[]? Key,
    byte[]? Value,
    Rejection Rejection,
    IReadOnlyList<KeyValuePair<string, byte[]>> Headers);
