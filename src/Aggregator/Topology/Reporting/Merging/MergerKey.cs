using System.Globalization;

namespace Aggregator.Topology.Reporting.Merging;

/// <summary>
/// A key of the report merger's store, typed: the one place that writes and parses the string keys. The strings are
/// those the merger has always written (<c>p:</c>, <c>w:</c>, <c>a:</c>, <c>o:</c>, <c>d:</c>, <c>s:</c>, <c>c:</c>),
/// so stores and changelogs written before this codec existed are read unchanged.
/// </summary>
/// <param name="Kind">What the entry holds: the key's prefix.</param>
/// <param name="Time">Interval or window start (<see cref="MergerKeyKind.Partial"/>, <see cref="MergerKeyKind.Window"/>), or the partition number.</param>
/// <param name="Source">The sending task (partials, windows); empty otherwise.</param>
/// <param name="Name">Rule, message id or setting name; the stage of a stage mark (empty for the counting stage); empty for partials.</param>
internal readonly record struct MergerKey(MergerKeyKind Kind, long Time, string Source, string Name)
{
    public static MergerKey Partial(long intervalStart, string source) => new(MergerKeyKind.Partial, intervalStart, source, "");

    public static MergerKey Window(long windowStart, string source, string rule) => new(MergerKeyKind.Window, windowStart, source, rule);

    public static MergerKey Alarm(string rule) => new(MergerKeyKind.Alarm, 0, "", rule);

    public static MergerKey Outbox(string messageId) => new(MergerKeyKind.Outbox, 0, "", messageId);

    public static MergerKey Delivered(string messageId) => new(MergerKeyKind.Delivered, 0, "", messageId);

    public static MergerKey Setting(string name) => new(MergerKeyKind.Setting, 0, "", name);

    /// <summary>The counting stage keeps the bare <c>c:{partition}</c> it has always had; the others add their name.</summary>
    public static MergerKey StageThrough(StatsStage stage, int partition) =>
        new(MergerKeyKind.StageThrough, partition, "", stage == StatsStage.Counts ? "" : StageName(stage));

    /// <summary>The stage of a <see cref="MergerKeyKind.StageThrough"/> key.</summary>
    public StatsStage Stage => Name switch
    {
        "" => StatsStage.Counts,
        "refine" => StatsStage.Refine,
        "dedup" => StatsStage.Dedup,
        _ => throw new InvalidOperationException($"Unknown stats stage '{Name}'."),
    };

    public int Partition => (int)Time;

    public string Encode() => Kind switch
    {
        MergerKeyKind.Partial => string.Create(CultureInfo.InvariantCulture, $"p:{Time}:{Source}"),
        MergerKeyKind.Window => string.Create(CultureInfo.InvariantCulture, $"w:{Time}:{Source}|{Name}"),
        MergerKeyKind.Alarm => "a:" + Name,
        MergerKeyKind.Outbox => "o:" + Name,
        MergerKeyKind.Delivered => "d:" + Name,
        MergerKeyKind.Setting => "s:" + Name,
        MergerKeyKind.StageThrough when Name.Length == 0 => string.Create(CultureInfo.InvariantCulture, $"c:{Time}"),
        MergerKeyKind.StageThrough => string.Create(CultureInfo.InvariantCulture, $"c:{Time}:{Name}"),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown merger key kind."),
    };

    public override string ToString() => Encode();

    /// <summary>Parses a key written by <see cref="Encode"/>; false for anything else (left alone by the merger).</summary>
    public static bool TryDecode(string key, out MergerKey decoded)
    {
        decoded = default;
        if (key.Length < 2 || key[1] != ':')
        {
            return false;
        }

        var rest = key.AsSpan(2);
        switch (key[0])
        {
            case 'p' when TimeAndRest(rest, out var start, out var source):
                decoded = Partial(start, source.ToString());
                return true;
            case 'w' when TimeAndRest(rest, out var start, out var sourceAndRule) && sourceAndRule.IndexOf('|') is var bar and >= 0:
                decoded = Window(start, sourceAndRule[..bar].ToString(), sourceAndRule[(bar + 1)..].ToString());
                return true;
            case 'a':
                decoded = Alarm(rest.ToString());
                return true;
            case 'o':
                decoded = Outbox(rest.ToString());
                return true;
            case 'd':
                decoded = Delivered(rest.ToString());
                return true;
            case 's':
                decoded = Setting(rest.ToString());
                return true;
            case 'c' when int.TryParse(rest, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var partition):
                decoded = StageThrough(StatsStage.Counts, partition);
                return true;
            case 'c' when TimeAndRest(rest, out var partition, out var stage) && stage is "refine" or "dedup":
                decoded = new MergerKey(MergerKeyKind.StageThrough, partition, "", stage.ToString());
                return true;
            default:
                return false;
        }
    }

    private static string StageName(StatsStage stage) => stage switch
    {
        StatsStage.Refine => "refine",
        StatsStage.Dedup => "dedup",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "The counting stage has no name in keys."),
    };

    private static bool TimeAndRest(ReadOnlySpan<char> text, out long time, out ReadOnlySpan<char> rest)
    {
        var colon = text.IndexOf(':');
        rest = colon < 0 ? default : text[(colon + 1)..];
        time = 0;
        return colon > 0 && long.TryParse(text[..colon], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out time);
    }

    /// <summary>Names of the merger's own marks (<see cref="MergerKeyKind.Setting"/>).</summary>
    public static class Settings
    {
        /// <summary>End of the last interval reported or folded into a catch-up (int64).</summary>
        public const string ReportedThrough = "reported-through";

        /// <summary>Start of the last hopping window judged for alarms (int64).</summary>
        public const string AlarmsThrough = "alarms-through";

        /// <summary>The last interval's <c>IntervalReport</c>, for the next summary's changes.</summary>
        public const string Previous = "previous";

        /// <summary>Intervals folded into a catch-up that the next summary announces (<c>CatchUp</c>).</summary>
        public const string CaughtUp = "caught-up";
    }
}
