using System.Diagnostics.CodeAnalysis;

namespace Aggregator.Activity;

/// <summary>What <see cref="RawEventParser.Parse"/> returns: an event or the reason there is none. A struct, so the common path allocates nothing for it.</summary>
internal readonly struct ParseResult
{
    private ParseResult(RawEvent? rawEvent, Rejection? rejection)
    {
        Event = rawEvent;
        Rejection = rejection;
    }

    public RawEvent? Event { get; }

    public Rejection? Rejection { get; }

    [MemberNotNullWhen(true, nameof(Event))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsValid => Event is not null;

    public static ParseResult Valid(RawEvent rawEvent) => new(rawEvent, null);

    public static ParseResult Rejected(Rejection rejection) => new(null, rejection);

    public static ParseResult Rejected(string code, string detail) => new(null, new Rejection(code, detail));
}
