namespace Aggregator.Demo;

/// <summary>One user's visit in progress: who, which session, where they are, how many events are left.</summary>
internal sealed class Visit
{
    public Visit(UserProfile user, string? sessionId, int remaining, bool sendsAnonymousId)
    {
        User = user;
        SessionId = sessionId;
        Remaining = remaining;
        SendsAnonymousId = sendsAnonymousId;
    }

    public UserProfile User { get; }

    /// <summary>Null for bots, which keep no cookies.</summary>
    public string? SessionId { get; }

    /// <summary>Logged-in users whose client also sends the device's anonymous id (as Segment-style SDKs do).</summary>
    public bool SendsAnonymousId { get; }

    public int Remaining { get; set; }

    /// <summary>Events so far; the first is always the landing page view.</summary>
    public int Count { get; set; }

    public string CurrentPath { get; set; } = PageCatalog.Home;

    public string? CurrentUrl { get; set; }

    /// <summary>Event time of the visit's latest event.</summary>
    public DateTimeOffset LastSeen { get; set; }

    public int CartItems { get; set; }

    public decimal CartValue { get; set; }
}
