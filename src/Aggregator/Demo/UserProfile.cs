namespace Aggregator.Demo;

/// <summary>
/// One member of the synthetic population. <see cref="UserId"/> is set for logged-in users only; every user
/// (logged in or not) has the <see cref="AnonymousId"/> of their device cookie.
/// </summary>
internal sealed record UserProfile(
    int Index,
    string? UserId,
    string AnonymousId,
    UserAgent Agent,
    string Ip,
    TimeSpan UtcOffset)
{
    /// <summary>The id the collector keys the record by: the user id when logged in, else the anonymous id.</summary>
    public string Key => UserId ?? AnonymousId;

    /// <summary><see cref="Key"/> in UTF-8, encoded once per user rather than once per record.</summary>
    public byte[] KeyUtf8 { get; } = System.Text.Encoding.UTF8.GetBytes(UserId ?? AnonymousId);
}
