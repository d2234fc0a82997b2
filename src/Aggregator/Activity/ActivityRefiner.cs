using Microsoft.Extensions.Options;

namespace Aggregator.Activity;

/// <summary>
/// The activity contract end to end for one record: parse and validate, then enrich and mask — page parts
/// with sensitive query parameters removed, referrer host, device from the user agent, truncated IP, a
/// deterministic id when the sender gave none. Pure and thread-safe: no I/O, so one instance serves every
/// stream thread.
/// </summary>
internal sealed class ActivityRefiner
{
    private readonly RawEventParser _parser;
    private readonly QueryStringSanitizer _sanitizer;
    private readonly TimeProvider _timeProvider;

    public ActivityRefiner(RawEventParser parser, QueryStringSanitizer sanitizer, TimeProvider timeProvider)
    {
        _parser = parser;
        _sanitizer = sanitizer;
        _timeProvider = timeProvider;
    }

    /// <summary>Builds a refiner outside DI (tests, benchmarks, tools); defaults for anything not given.</summary>
    public static ActivityRefiner Create(
        ActivityValidationOptions? validation = null,
        ActivityMaskingOptions? masking = null,
        TimeProvider? timeProvider = null) =>
        new(
            new RawEventParser(Options.Create(validation ?? new ActivityValidationOptions())),
            new QueryStringSanitizer(Options.Create(masking ?? new ActivityMaskingOptions())),
            timeProvider ?? TimeProvider.System);

    /// <summary>Refines with the <see cref="TimeProvider"/>'s current time as the ingest time.</summary>
    public RefineResult Refine(byte[]? key, byte[]? value, SourcePosition source) =>
        Refine(key, value, source, _timeProvider.GetUtcNow());

    /// <param name="key">The raw message key; only carried into a dead letter (the refined key comes from the value).</param>
    /// <param name="value">The raw message value. A refined event may reference it: do not reuse the array while the event is alive.</param>
    /// <param name="source">Where the record was read, for the dead-letter headers.</param>
    /// <param name="ingestTime">The time the timestamp bounds are measured from and the refined <c>ingestTime</c>.</param>
    public RefineResult Refine(byte[]? key, byte[]? value, SourcePosition source, DateTimeOffset ingestTime)
    {
        ingestTime = UtcTimestamp.TruncateToMilliseconds(ingestTime);
        var parsed = _parser.Parse(value, ingestTime);
        if (!parsed.IsValid)
        {
            return RefineResult.Rejected(new DeadLetterRecord(
                key,
                value,
                parsed.Rejection,
                DeadLetterHeaders.Create(parsed.Rejection, source, ingestTime)));
        }

        return RefineResult.Refined(Enrich(parsed.Event, value, ingestTime));
    }

    /// <summary>A dead letter for a value rejected before parsing (undecodable Avro), with the usual headers.</summary>
    public RefineResult Reject(byte[]? key, byte[]? value, Rejection rejection, SourcePosition source)
    {
        var now = UtcTimestamp.TruncateToMilliseconds(_timeProvider.GetUtcNow());
        return RefineResult.Rejected(new DeadLetterRecord(key, value, rejection, DeadLetterHeaders.Create(rejection, source, now)));
    }

    private RefinedEvent Enrich(RawEvent raw, ReadOnlySpan<byte> value, DateTimeOffset ingestTime)
    {
        PageInfo? page = null;
        if (raw.Url is { } url)
        {
            var parts = UrlParts.Parse(url);
            page = new PageInfo(parts.Host, parts.Path, _sanitizer.Sanitize(parts.Query));
        }

        string? referrerHost = null;
        if (raw.Referrer is { } referrer)
        {
            var host = UrlParts.ParseHost(referrer);
            referrerHost = host.Length > 0 ? host : null;
        }

        return new RefinedEvent
        {
            // Hash of the value as received (BOM and whitespace included): a resend is byte-identical.
            EventId = raw.EventId ?? EventIdGenerator.FromRawValue(value),
            Type = raw.Type,
            UserId = raw.UserId,
            AnonymousId = raw.AnonymousId,
            SessionId = raw.SessionId,
            EventTime = raw.Timestamp,
            IngestTime = ingestTime,
            Page = page,
            ReferrerHost = referrerHost,
            Device = raw.UserAgent is { } userAgent ? UserAgentClassifier.Classify(userAgent) : null,
            Ip = raw.Ip is { } ip ? IpMasker.Mask(ip) : null,
            Properties = raw.Properties,
            ExtraFields = raw.UnknownFields,
        };
    }
}
