using System.Text;

namespace Aggregator.Demo;

/// <summary>
/// The synthetic activity stream: an endless sequence of raw records for <c>activity.raw</c>, with the truth
/// about each. Deterministic: the same options, seed and sequence of clock readings give the same bytes.
/// Not thread-safe (one generator per producing loop).
/// </summary>
/// <remarks>
/// Visitors are simulated as a pool of concurrent visits; each event picks one at random, so the stream
/// interleaves users the way a busy site's collector does. A user returning within <see cref="SessionTimeout"/>
/// of event time keeps their session id; after that they get a new one.
/// </remarks>
internal sealed class ActivityGenerator
{
    public static readonly TimeSpan SessionTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Approximate share of all records that are errors on /checkout outside an anomaly.</summary>
    public const double BaselineCheckoutErrorShare = 0.012 * EventFactory.CheckoutShareOfErrors;

    private const int RecentCapacity = 512;
    private const double NullKeyShare = 0.05;

    private readonly Random _random;
    private readonly UserPopulation _population;
    private readonly EventFactory _factory;
    private readonly EventWriter _writer = new();
    private readonly Visit?[] _visits;
    private readonly Dictionary<int, (string SessionId, DateTimeOffset LastSeen)> _sessions = [];
    private readonly GeneratedRecord[] _recent = new GeneratedRecord[RecentCapacity];
    private readonly HashSet<string> _optedOut;
    private readonly double _malformedRatio;
    private readonly double _duplicateRatio;
    private readonly double _anomalyInjectShare;
    private int _recentCount;
    private int _recentNext;

    public ActivityGenerator(GeneratorOptions options, int seed, ReplayClock clock)
    {
        Seed = seed;
        Clock = clock;
        _random = new Random(seed);
        _population = new UserPopulation(seed, options.Users);
        _factory = new EventFactory(_random);
        // Enough concurrent visits that users interleave, few enough that each visit sees a run of events.
        _visits = new Visit?[Math.Clamp(options.Users / 20, 1, 2000)];
        _optedOut = new HashSet<string>(options.OptedOutUsers, StringComparer.Ordinal);
        _malformedRatio = options.MalformedRatio;
        _duplicateRatio = options.DuplicateRatio;
        Anomaly = AnomalyWindow.From(options, clock);
        if (Anomaly is not null)
        {
            // Injecting a share q of outage errors lifts the /checkout error share from b to q + (1 - q) b;
            // solving q + (1 - q) b = M b gives q = (M - 1) b / (1 - b). Capped so the burst cannot be all there is.
            var b = BaselineCheckoutErrorShare;
            _anomalyInjectShare = Math.Min(0.9, (Anomaly.Multiplier - 1) * b / (1 - b));
        }
    }

    public int Seed { get; }

    public ReplayClock Clock { get; }

    public AnomalyWindow? Anomaly { get; }

    public UserPopulation Population => _population;

    public GeneratedRecord Next()
    {
        var time = Arrival(Clock.Now);
        var r = _random.NextDouble();
        if (r < _malformedRatio)
        {
            var kind = MalformedRecords.Kinds[_random.Next(MalformedRecords.Kinds.Count)];
            var e = NextEvent(PickVisit(time), time);
            return new GeneratedRecord(Key(e), MalformedRecords.Write(_writer, e, kind, _random), Truth(e, kind, isAnomaly: false));
        }

        if (r < _malformedRatio + _duplicateRatio && _recentCount > 0)
        {
            var original = _recent[_random.Next(_recentCount)];
            return original with { Truth = original.Truth with { IsDuplicate = true } };
        }

        if (Anomaly is not null && Anomaly.Contains(time) && _random.NextDouble() < _anomalyInjectShare)
        {
            return Valid(_factory.CheckoutOutage(PickVisit(time), time), isAnomaly: true);
        }

        return Valid(NextEvent(PickVisit(time), time), isAnomaly: false);
    }

    /// <summary>The next <paramref name="count"/> records.</summary>
    public IEnumerable<GeneratedRecord> Take(long count)
    {
        for (long i = 0; i < count; i++)
        {
            yield return Next();
        }
    }

    private GeneratedRecord Valid(ActivityEvent e, bool isAnomaly)
    {
        var record = new GeneratedRecord(Key(e), _writer.Write(e), Truth(e, MalformedKind.None, isAnomaly));
        if (e.EventId is not null)
        {
            // Only records with an eventId are resent: without one, a duplicate is indistinguishable from a repeat action.
            _recent[_recentNext] = record;
            _recentNext = (_recentNext + 1) % RecentCapacity;
            _recentCount = Math.Min(_recentCount + 1, RecentCapacity);
        }

        return record;
    }

    private ActivityEvent NextEvent(Visit visit, DateTimeOffset time)
    {
        var e = _factory.Next(visit, time);
        visit.Count++;
        visit.Remaining--;
        visit.LastSeen = time;
        if (visit.SessionId is not null)
        {
            _sessions[visit.User.Index] = (visit.SessionId, time);
        }

        return e;
    }

    private Visit PickVisit(DateTimeOffset time)
    {
        var slot = _random.Next(_visits.Length);
        // A visit idle for longer than the session timeout is over, even if it had more events planned.
        if (_visits[slot] is { Remaining: > 0 } visit && time - visit.LastSeen < SessionTimeout)
        {
            return visit;
        }

        var user = _population.Get(_random.Next(_population.Size));
        string? sessionId = null;
        if (!user.Agent.IsBot)
        {
            sessionId = _sessions.TryGetValue(user.Index, out var last) && time - last.LastSeen < SessionTimeout
                ? last.SessionId
                : RandomIds.Uuid(_random);
        }

        // Visit lengths are roughly exponential around 14 events: many bounces, a few long sessions.
        var length = 1 + (int)(-Math.Log(1 - _random.NextDouble()) * 13);
        visit = new Visit(user, sessionId, length, user.UserId is not null && _random.NextDouble() < 0.25) { LastSeen = time };
        _visits[slot] = visit;
        return visit;
    }

    /// <summary>When the event happened: a little before it reaches the collector, occasionally minutes before.</summary>
    private DateTimeOffset Arrival(DateTimeOffset now)
    {
        var r = _random.NextDouble();
        var delayMs = r switch
        {
            < 0.95 => _random.NextDouble() * 500,
            < 0.995 => 500 + (_random.NextDouble() * 9_500),
            _ => 10_000 + (_random.NextDouble() * 170_000), // a phone that was offline for a while
        };
        return now - TimeSpan.FromMilliseconds(delayMs);
    }

    private byte[]? Key(ActivityEvent e) =>
        _random.NextDouble() < NullKeyShare ? null : e.KeyUtf8 ?? Encoding.UTF8.GetBytes(e.User);

    private EventTruth Truth(ActivityEvent e, MalformedKind malformed, bool isAnomaly) => new(
        malformed == MalformedKind.None ? e.Type : null,
        e.Path,
        e.User,
        e.Time,
        malformed == MalformedKind.None ? e.EventId : null,
        malformed,
        IsDuplicate: false,
        isAnomaly,
        e.UserId is not null && _optedOut.Contains(e.UserId));
}
