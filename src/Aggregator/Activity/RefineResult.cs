using System.Diagnostics.CodeAnalysis;

namespace Aggregator.Activity;

/// <summary>
/// The outcome for one raw record: a refined event to write to <c>activity.refined</c> under
/// <see cref="Key"/>, or a <see cref="DeadLetterRecord"/> for <c>activity.dlq</c>. Exactly one is set.
/// </summary>
internal readonly struct RefineResult
{
    private RefineResult(RefinedEvent? refined, DeadLetterRecord? deadLetter, int droppedProperties = 0)
    {
        Event = refined;
        DeadLetter = deadLetter;
        DroppedProperties = droppedProperties;
    }

    public RefinedEvent? Event { get; }

    public DeadLetterRecord? DeadLetter { get; }

    [MemberNotNullWhen(true, nameof(Event), nameof(Key))]
    [MemberNotNullWhen(false, nameof(DeadLetter), nameof(Rejection))]
    public bool IsRefined => Event is not null;

    /// <summary>The refined record's key (<c>userId</c>, else <c>anonymousId</c>).</summary>
    public string? Key => Event?.Key;

    public Rejection? Rejection => DeadLetter?.Rejection;

    /// <summary>How many <c>properties</c> the allow-list removed from the refined event (for the metric).</summary>
    public int DroppedProperties { get; }

    public static RefineResult Refined(RefinedEvent refined, int droppedProperties = 0) => new(refined, null, droppedProperties);

    public static RefineResult Rejected(DeadLetterRecord deadLetter) => new(null, deadLetter);
}
