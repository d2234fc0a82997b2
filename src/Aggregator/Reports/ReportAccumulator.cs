using System.Runtime.InteropServices;

namespace Aggregator.Reports;

/// <summary>
/// Builds one stream task's cumulative <see cref="ReportPartial"/> for one report interval, event by event.
/// This is on the per-event path: an <see cref="Add(string, string?, string, long)"/> is a few dictionary
/// increments, an array increment and a hash, with no allocation once a type or path has been seen.
/// </summary>
/// <remarks>
/// Not thread-safe: one accumulator per (task, interval), used by the task's thread. To survive a restart, persist
/// the latest <see cref="Snapshot"/> and continue from it with <see cref="Resume"/>; the sequence continues too,
/// so the merger still recognises the newest partial.
/// Pipeline counters (<see cref="AddLate"/>, …) belong to whichever interval the caller attributes the drop to;
/// the interval holding the task's stream time at the moment of the drop is the natural choice, as a record
/// without a valid timestamp has no event time.
/// </remarks>
internal sealed class ReportAccumulator
{
    public const string PageViewType = "page_view";
    public const string ErrorType = "error";
    public const int DefaultMaxTrackedPages = 10_000;

    private readonly Dictionary<string, long> _byType;
    private readonly Dictionary<string, long> _pageViews;
    private readonly long[] _perMinute;
    private readonly int _maxTrackedPages;
    private HyperLogLog? _users;
    private long _otherPageViews;
    private long _errors;
    private long _lateDropped;
    private long _deadLettered;
    private long _optedOut;
    private long _duplicates;

    public ReportAccumulator(string source, long intervalStart, long intervalEnd, int maxTrackedPages = DefaultMaxTrackedPages)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (intervalEnd <= intervalStart || (intervalEnd - intervalStart) % ReportIntervals.MinuteMs != 0)
        {
            throw new ArgumentException("An interval is a positive whole number of minutes.", nameof(intervalEnd));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTrackedPages);
        Source = source;
        IntervalStart = intervalStart;
        IntervalEnd = intervalEnd;
        _maxTrackedPages = maxTrackedPages;
        _byType = new Dictionary<string, long>(StringComparer.Ordinal);
        _pageViews = new Dictionary<string, long>(StringComparer.Ordinal);
        _perMinute = new long[ReportIntervals.MinutesIn(intervalStart, intervalEnd)];
    }

    public string Source { get; }

    public long IntervalStart { get; }

    public long IntervalEnd { get; }

    public long Events { get; private set; }

    /// <summary>Sequence of the last <see cref="Snapshot"/> (0 before the first).</summary>
    public long Sequence { get; private set; }

    /// <summary>Whether anything was counted since the last snapshot: a task need only send changed partials.</summary>
    public bool HasChanges { get; private set; }

    /// <summary>Continues counting from a persisted partial (after a restart or a task migration).</summary>
    public static ReportAccumulator Resume(ReportPartial partial, int maxTrackedPages = DefaultMaxTrackedPages)
    {
        ArgumentNullException.ThrowIfNull(partial);
        partial.Validate();
        var accumulator = new ReportAccumulator(partial.Source, partial.IntervalStart, partial.IntervalEnd, maxTrackedPages)
        {
            Events = partial.Events,
            Sequence = partial.Sequence,
            _otherPageViews = partial.OtherPageViews,
            _errors = partial.Errors,
            _lateDropped = partial.LateDropped,
            _deadLettered = partial.DeadLettered,
            _optedOut = partial.OptedOut,
            _duplicates = partial.Duplicates,
        };
        foreach (var (type, count) in partial.ByType)
        {
            accumulator._byType[type] = count;
        }

        foreach (var (path, count) in partial.PageViews)
        {
            accumulator._pageViews[path] = count;
        }

        partial.PerMinute.CopyTo(accumulator._perMinute, 0);
        if (partial.Users.Length > 0)
        {
            accumulator._users = HyperLogLog.FromBytes(partial.Users);
        }

        return accumulator;
    }

    /// <summary>Counts one event.</summary>
    /// <param name="type">The event <c>type</c>.</param>
    /// <param name="path">The page path, or null when the event has no URL.</param>
    /// <param name="userKey">The user (the refined record's key: userId, else anonymousId).</param>
    /// <param name="eventTimeMs">Event time; must lie in the interval.</param>
    public void Add(string type, string? path, string userKey, long eventTimeMs)
    {
        Count(type, path, eventTimeMs);
        (_users ??= new HyperLogLog()).Add(userKey);
    }

    /// <summary>Counts one event whose user key is given as UTF-8 bytes (e.g. the Kafka record key, not decoded).</summary>
    public void Add(string type, string? path, ReadOnlySpan<byte> utf8UserKey, long eventTimeMs)
    {
        Count(type, path, eventTimeMs);
        (_users ??= new HyperLogLog()).Add(utf8UserKey);
    }

    public void AddLate(long count = 1) => _lateDropped += Checked(count);

    public void AddDeadLettered(long count = 1) => _deadLettered += Checked(count);

    public void AddOptedOut(long count = 1) => _optedOut += Checked(count);

    public void AddDuplicate(long count = 1) => _duplicates += Checked(count);

    /// <summary>An immutable copy of everything counted so far, with the next sequence number.</summary>
    public ReportPartial Snapshot()
    {
        HasChanges = false;
        return new ReportPartial
        {
            Source = Source,
            Sequence = ++Sequence,
            IntervalStart = IntervalStart,
            IntervalEnd = IntervalEnd,
            Events = Events,
            ByType = new Dictionary<string, long>(_byType, StringComparer.Ordinal),
            PageViews = new Dictionary<string, long>(_pageViews, StringComparer.Ordinal),
            OtherPageViews = _otherPageViews,
            PerMinute = (long[])_perMinute.Clone(),
            Users = _users?.ToBytes() ?? [],
            Errors = _errors,
            LateDropped = _lateDropped,
            DeadLettered = _deadLettered,
            OptedOut = _optedOut,
            Duplicates = _duplicates,
        };
    }

    private void Count(string type, string? path, long eventTimeMs)
    {
        ArgumentNullException.ThrowIfNull(type);
        var offset = eventTimeMs - IntervalStart;
        if (offset < 0 || eventTimeMs >= IntervalEnd)
        {
            throw new ArgumentOutOfRangeException(nameof(eventTimeMs), eventTimeMs, $"Event time outside the interval [{IntervalStart}, {IntervalEnd}).");
        }

        Events++;
        HasChanges = true;
        _perMinute[offset / ReportIntervals.MinuteMs]++;
        CollectionsMarshal.GetValueRefOrAddDefault(_byType, type, out _)++;
        if (string.Equals(type, ErrorType, StringComparison.Ordinal))
        {
            _errors++;
        }
        else if (path is not null && string.Equals(type, PageViewType, StringComparison.Ordinal))
        {
            CountPageView(path);
        }
    }

    private void CountPageView(string path)
    {
        if (_pageViews.Count < _maxTrackedPages)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_pageViews, path, out _)++;
            return;
        }

        // At the cap: known paths keep counting, new ones go to the "other" bucket so memory stays bounded.
        ref var views = ref CollectionsMarshal.GetValueRefOrNullRef(_pageViews, path);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref views))
        {
            _otherPageViews++;
        }
        else
        {
            views++;
        }
    }

    private long Checked(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        HasChanges |= count > 0;
        return count;
    }
}
