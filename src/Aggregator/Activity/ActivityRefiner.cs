using Microsoft.Extensions.Options;

namespace Aggregator.Activity;

/// <summary>
/// The activity contract end to end for one record: parse and validate, then enrich and mask — page parts
/// with sensitive query parameters removed, referrer host, device from the user agent, truncated IP, a
/// deterministic id when the sender gave none, <c>properties</c> through the allow-list; dead letters masked the
/// same way. Pure and thread-safe: no I/O, so one instance serves every
/// stream thread.
/// </summary>
internal sealed class ActivityRefiner
{
    private readonly RawEventParser _parser;
    private readonly QueryStringSanitizer _sanitizer;
    private readonly PropertyAllowList _properties;
    private readonly DeadLetterMasker _deadLetters;
    private readonly IOptions<PrivacyOptions> _privacy;
    private readonly TimeProvider _timeProvider;

    public ActivityRefiner(
        RawEventParser parser, QueryStringSanitizer sanitizer, PropertyAllowList properties, IOptions<PrivacyOptions> privacy, TimeProvider timeProvider)
    {
        _parser = parser;
        _sanitizer = sanitizer;
        _properties = properties;
        _deadLetters = new DeadLetterMasker(sanitizer, properties);
        // Read when first needed, not here: a bad Privacy section must fail start-up validation with its one-line
        // message, not the construction of the hosted services.
        _privacy = privacy;
        _timeProvider = timeProvider;
    }

    /// <summary>Builds a refiner outside DI (tests, benchmarks, tools); defaults for anything not given.</summary>
    public static ActivityRefiner Create(
        ActivityValidationOptions? validation = null,
        ActivityMaskingOptions? masking = null,
        TimeProvider? timeProvider = null,
        PrivacyOptions? privacy = null)
    {
        var privacyOptions = Options.Create(privacy ?? new PrivacyOptions());
        return new(
            new RawEventParser(Options.Create(validation ?? new ActivityValidationOptions())),
            new QueryStringSanitizer(Options.Create(masking ?? new ActivityMaskingOptions())),
            new PropertyAllowList(privacyOptions),
            privacyOptions,
            timeProvider ?? TimeProvider.System);
    }

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
            // Dead letters are kept like refined events: masked (issue 14), unless raw bytes were asked for deliberately.
            var (kept, payload) = _privacy.Value.DlqKeepRaw ? (value, DeadLetterPayload.Raw) : _deadLetters.Mask(value);
            return RefineResult.Rejected(new DeadLetterRecord(
                key,
                kept,
                parsed.Rejection,
                DeadLetterHeaders.Create(parsed.Rejection, source, ingestTime, payload)));
        }

        var (properties, dropped) = _properties.Filter(parsed.Event.Properties);
        return RefineResult.Refined(Enrich(parsed.Event, properties, value, ingestTime), dropped);
    }

    /// <summary>Whether dead letters keep the bytes as received (<c>Privacy:DlqKeepRaw</c>) instead of a masked copy.</summary>
    public bool KeepsRawDeadLetters => _privacy.Value.DlqKeepRaw;

    /// <summary>
    /// A dead letter for a value rejected before parsing (undecodable Avro), with the usual headers. It cannot be masked
    /// field by field, so it is withheld unless raw dead letters were asked for deliberately (issue 14).
    /// </summary>
    public RefineResult Reject(byte[]? key, byte[]? value, Rejection rejection, SourcePosition source)
    {
        var now = UtcTimestamp.TruncateToMilliseconds(_timeProvider.GetUtcNow());
        var (kept, payload) = _privacy.Value.DlqKeepRaw ? (value, DeadLetterPayload.Raw) : (null, DeadLetterPayload.Withheld);
        return RefineResult.Rejected(new DeadLetterRecord(key, kept, rejection, DeadLetterHeaders.Create(rejection, source, now, payload)));
    }

    private RefinedEvent Enrich(RawEvent raw, ReadOnlyMemory<byte> properties, ReadOnlySpan<byte> value, DateTimeOffset ingestTime)
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
            Properties = properties,
            ExtraFields = raw.UnknownFields,
        };
    }
}
