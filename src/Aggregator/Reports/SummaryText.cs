using System.Text;
using Aggregator.Slack.BlockKit;

namespace Aggregator.Reports;

/// <summary>The wording of the parts of a summary (mrkdwn; data values escaped).</summary>
internal static class SummaryText
{
    public const string Silence = "No events received in this interval — check the pipeline";

    /// <summary>"Activity 10:00–10:10 UTC, Sat 21 Nov".</summary>
    public static string Title(IntervalReport report) =>
        $"Activity {SlackFormat.Range(report.IntervalStart, report.IntervalEnd)} UTC, {SlackFormat.Day(report.IntervalStart)}";

    /// <summary>
    /// "Only 4/6 partitions reported" (naming the missing ones when known) when fewer partitions reported than
    /// expected, else null.
    /// </summary>
    public static string? MissingSources(IntervalReport report, TrustFooter footer) =>
        Reported(report, footer) < footer.SourcesExpected
            ? $"Only {Reported(report, footer)}/{footer.SourcesExpected} partitions reported" + MissingList(footer)
            : null;

    private static int Reported(IntervalReport report, TrustFooter footer) => footer.SourcesReported ?? report.SourcesReported;

    private static string MissingList(TrustFooter footer) =>
        footer.MissingPartitions.Count == 0 ? "" : $" (sent on the wall clock without partition {string.Join(", ", footer.MissingPartitions)})";

    /// <summary>
    /// "⏩ *Caught up on 04:00–09:00 UTC, Sat 21 Nov*: 30 earlier intervals (12,345 events, 42 errors) were too far
    /// behind to post one by one." — the intervals a catch-up folded, in the first summary after it.
    /// </summary>
    public static string CaughtUp(CatchUp caughtUp) =>
        $"⏩ *Caught up on {CatchUpRange(caughtUp)}*: {SlackFormat.Number(caughtUp.Intervals)} earlier "
        + (caughtUp.Intervals == 1 ? "interval" : "intervals")
        + $" ({SlackFormat.Number(caughtUp.Events)} events, {SlackFormat.Number(caughtUp.Errors)} errors) "
        + (caughtUp.Intervals == 1 ? "was" : "were") + " too far behind to post one by one.";

    /// <summary>"04:00–09:00 UTC, Sat 21 Nov", or across days "22:00 Fri 20 Nov – 09:00 Sat 21 Nov UTC".</summary>
    private static string CatchUpRange(CatchUp caughtUp) =>
        SlackFormat.Day(caughtUp.From) == SlackFormat.Day(caughtUp.To - 1)
            ? $"{SlackFormat.Range(caughtUp.From, caughtUp.To)} UTC, {SlackFormat.Day(caughtUp.From)}"
            : $"{SlackFormat.Time(caughtUp.From)} {SlackFormat.Day(caughtUp.From)} – {SlackFormat.Time(caughtUp.To)} {SlackFormat.Day(caughtUp.To)} UTC";

    /// <summary>The notification text: warnings first, then the totals (and a catch-up), without markup.</summary>
    public static string Fallback(IntervalReport current, IntervalReport? previous, TrustFooter footer, CatchUp? caughtUp = null)
    {
        var text = new StringBuilder();
        if (MissingSources(current, footer) is { } missing)
        {
            text.Append("⚠ ").Append(missing).Append(". ");
        }

        if (current.Events == 0)
        {
            text.Append("⚠ ").Append(Silence).Append(". ");
        }

        text.Append(Title(current)).Append(": ").Append(SlackFormat.Number(current.Events)).Append(" events");
        if (previous is not null && SlackFormat.Change(current.Events, previous.Events) is { } change)
        {
            text.Append(" (").Append(change).Append(')');
        }

        text.Append(", ≈").Append(SlackFormat.Number(current.UniqueUsers)).Append(" unique users, ")
            .Append(SlackFormat.Number(current.Errors)).Append(" errors");
        if (caughtUp is not null)
        {
            text.Append("; caught up on ").Append(CatchUpRange(caughtUp)).Append(" (").Append(SlackFormat.Number(caughtUp.Intervals))
                .Append(caughtUp.Intervals == 1 ? " interval, " : " intervals, ").Append(SlackFormat.Number(caughtUp.Events)).Append(" events)");
        }

        return text.ToString();
    }

    /// <summary>"*12,345* events (+12% vs 09:50–10:00) · *≈1,234* unique users (approx.) · *42* errors (0.34% of events)".</summary>
    public static string Headline(IntervalReport current, IntervalReport? previous)
    {
        var errors = $"*{SlackFormat.Number(current.Errors)}* errors";
        if (current.Events > 0)
        {
            errors += $" ({SlackFormat.Percent((double)current.Errors / current.Events)} of events)";
        }

        return $"*{SlackFormat.Number(current.Events)}* events ({EventsChange(current, previous)}) · "
            + $"*≈{SlackFormat.Number(current.UniqueUsers)}* unique users (approx.) · {errors}";
    }

    /// <summary>One field per event type, most frequent first: "8,000 · 64.8%".</summary>
    public static IEnumerable<SlackText> TypeFields(IntervalReport report) =>
        report.ByType
            .OrderByDescending(t => t.Value)
            .ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => SlackText.Field(t.Key, $"{SlackFormat.Number(t.Value)} · {SlackFormat.Percent((double)t.Value / report.Events)}"));

    /// <summary>The numbered top pages with their change ("+5%", "new") when there is a previous interval.</summary>
    public static string TopPages(IntervalReport current, IntervalReport? previous, int count)
    {
        var text = new StringBuilder("*Top pages by views*");
        var top = PageRanking.Top(current.PageViews, count);
        if (top.Count == 0)
        {
            text.Append("\n_No page views._");
        }

        for (var i = 0; i < top.Count; i++)
        {
            var (path, views) = top[i];
            text.Append('\n').Append(i + 1).Append(". ").Append(SlackFormat.Code(path)).Append(" — ").Append(SlackFormat.Number(views));
            if (previous is not null)
            {
                text.Append(" (").Append(SlackFormat.Change(views, previous.PageViews.GetValueOrDefault(path)) ?? "new").Append(')');
            }
        }

        if (current.OtherPageViews > 0)
        {
            text.Append("\n_plus ").Append(SlackFormat.Number(current.OtherPageViews))
                .Append(" views of pages past the per-task tracking limit_");
        }

        return text.ToString();
    }

    /// <summary>"▲ `/checkout` 120 → 480 (+300%)" lines, or null when no page moved notably.</summary>
    public static string? Movers(IntervalReport current, IntervalReport previous, SummaryOptions options)
    {
        var movers = PageRanking.Movers(current, previous, options);
        if (movers.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder("*Biggest movers* (vs ").Append(SlackFormat.Range(previous.IntervalStart, previous.IntervalEnd)).Append(')');
        foreach (var move in movers)
        {
            text.Append('\n').Append(move.Change > 0 ? "▲ " : "▼ ").Append(SlackFormat.Code(move.Path)).Append(' ')
                .Append(SlackFormat.Number(move.Previous)).Append(" → ").Append(SlackFormat.Number(move.Current))
                .Append(" (").Append(SlackFormat.Change(move.Current, move.Previous) ?? "new").Append(')');
        }

        return text.ToString();
    }

    /// <summary>"*Events per minute* `▁▂▅█▇▅▃▂▁▁` min 1,020 at 10:03 · max 1,845 at 10:07" (first minute on ties).</summary>
    public static string Volume(IntervalReport report)
    {
        var perMinute = report.PerMinute;
        int min = 0, max = 0;
        for (var i = 1; i < perMinute.Length; i++)
        {
            min = perMinute[i] < perMinute[min] ? i : min;
            max = perMinute[i] > perMinute[max] ? i : max;
        }

        var text = $"*Events per minute* `{Sparkline.Render(perMinute)}`";
        return perMinute.Length == 0
            ? text
            : text + $" min {SlackFormat.Number(perMinute[min])} at {MinuteAt(report, min)} · max {SlackFormat.Number(perMinute[max])} at {MinuteAt(report, max)}";
    }

    /// <summary>The trust footer's elements: sources, drops, lag, restoring partitions.</summary>
    public static IEnumerable<string> Footer(IntervalReport report, TrustFooter footer)
    {
        var reported = Reported(report, footer);
        yield return footer.SourcesExpected <= 0
            ? $"{reported} partitions reported"
            : reported < footer.SourcesExpected
                ? $"⚠ *{reported}/{footer.SourcesExpected} partitions reported{SlackMrkdwn.Escape(MissingList(footer))}*"
                : $"{reported}/{footer.SourcesExpected} partitions reported";
        yield return $"late dropped: {SlackFormat.Number(report.LateDropped)}";
        yield return $"DLQ: {SlackFormat.Number(report.DeadLettered)}";
        yield return $"opted-out dropped: {SlackFormat.Number(report.OptedOut)}";
        yield return $"duplicates removed: {SlackFormat.Number(report.Duplicates)}";
        yield return "max consumer lag: " + (footer.MaxLag is { } lag ? SlackFormat.Number(lag) : "unknown");
        yield return footer.RestoringPartitions.Count == 0
            ? "no partition restoring"
            : "⚠ *restoring: " + SlackMrkdwn.Escape(string.Join(", ", footer.RestoringPartitions)) + "*";
    }

    private static string EventsChange(IntervalReport current, IntervalReport? previous)
    {
        if (previous is null)
        {
            return "first report";
        }

        var range = SlackFormat.Range(previous.IntervalStart, previous.IntervalEnd);
        return SlackFormat.Change(current.Events, previous.Events) is { } change
            ? $"{change} vs {range}"
            : $"none in {range}";
    }

    private static string MinuteAt(IntervalReport report, int minute) =>
        SlackFormat.Time(report.IntervalStart + (minute * ReportIntervals.MinuteMs));
}
