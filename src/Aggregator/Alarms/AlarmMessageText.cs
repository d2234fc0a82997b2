using Aggregator.Reports;
using Aggregator.Slack.BlockKit;

namespace Aggregator.Alarms;

/// <summary>The wording of alarm messages (mrkdwn; data values escaped by <see cref="SlackFormat.Code"/> or the fields).</summary>
internal static class AlarmMessageText
{
    public static string Header(AlarmTransition t) =>
        t.Kind == AlarmTransitionKind.Fired
            ? $"{AlarmSeverities.Emoji(t.Severity)} {t.Rule} is firing ({AlarmSeverities.Name(t.Severity)})"
            : $"✅ Resolved: {t.Rule}";

    /// <summary>The notification text: one line, no markup.</summary>
    public static string Fallback(AlarmTransition t)
    {
        var fired = t.Kind == AlarmTransitionKind.Fired;
        var head = fired ? $"{AlarmSeverities.Emoji(t.Severity)} {t.Rule} ({AlarmSeverities.Name(t.Severity)}): " : $"✅ Resolved: {t.Rule} — ";
        var body = (t.Source, fired) switch
        {
            (AlarmSource.PipelineStalled, true) => $"no input records for {SlackFormat.Duration(Silence(t))} (last at {Clock(t.LastInputAt)} UTC)",
            (AlarmSource.PipelineStalled, false) => $"input resumed at {Clock(t.LastInputAt)} UTC after {SlackFormat.Duration(Silence(t))} without records",
            (AlarmSource.LagGrowing, true) => $"consumer lag growing on {t.Partitions.Count} of {t.PartitionsObserved} partitions: {PartitionNames(t)}",
            (AlarmSource.LagGrowing, false) => $"consumer lag no longer growing on {PartitionNames(t)}, after {SlackFormat.Duration(t.Duration)}",
            (_, true) => $"{Number(t.Value)} {t.Subject} in {Window(t)} UTC, {Threshold(t)}",
            _ => $"{Number(t.Value)} {t.Subject} in {Window(t)} UTC (threshold: {Threshold(t)}), after {SlackFormat.Duration(t.Duration)}",
        };
        return head + body;
    }

    /// <summary>The first section: what happened, in a sentence.</summary>
    public static string Summary(AlarmTransition t)
    {
        var fired = t.Kind == AlarmTransitionKind.Fired;
        return (t.Source, fired) switch
        {
            (AlarmSource.PipelineStalled, true) =>
                $"No input records for *{SlackFormat.Duration(Silence(t))}*: the last one arrived at {Clock(t.LastInputAt)} UTC "
                + $"(limit {SlackFormat.Duration(t.StalledAfter ?? TimeSpan.Zero)}). Summaries and alarms see nothing until input resumes.",
            (AlarmSource.PipelineStalled, false) =>
                $"Input resumed: a record arrived at {Clock(t.LastInputAt)} UTC after *{SlackFormat.Duration(Silence(t))}* without input.",
            (AlarmSource.LagGrowing, true) =>
                $"Consumer lag keeps growing on *{t.Partitions.Count} of {t.PartitionsObserved}* partitions: "
                + string.Join(", ", t.Partitions.Select(p => $"{SlackFormat.Code(p.Partition)} ({SlackFormat.Number(p.Lag)})"))
                + ". Lag on only some partitions points at their consumer (a stuck task or a slow instance), not at the load.",
            (AlarmSource.LagGrowing, false) =>
                $"Consumer lag is no longer growing on {string.Join(", ", t.Partitions.Select(p => SlackFormat.Code(p.Partition)))} "
                + $"(firing for *{SlackFormat.Duration(t.Duration)}*).",
            (_, true) =>
                $"*{Number(t.Value)}* {SubjectMarkdown(t)} in the window {Window(t)} UTC{(t.WindowClosed ? string.Empty : " (still open)")}: "
                + $"{Threshold(t, bold: true)}{(t.Windows > 1 ? $", {t.Windows} consecutive windows" : string.Empty)}.",
            _ =>
                $"*{Number(t.Value)}* {SubjectMarkdown(t)} in the window {Window(t)} UTC, no longer {Threshold(t)}. "
                + $"Firing for *{SlackFormat.Duration(t.Duration)}*, peak *{Number(t.Peak)}*.",
        };
    }

    /// <summary>The facts as label/value fields (escaped by the builder).</summary>
    public static IEnumerable<(string Label, string Value)> Fields(AlarmTransition t)
    {
        var fired = t.Kind == AlarmTransitionKind.Fired;
        switch (t.Source)
        {
            case AlarmSource.PipelineStalled:
                yield return (fired ? "Last input" : "Input resumed", $"{Clock(t.LastInputAt)} UTC");
                yield return ("Silent for", SlackFormat.Duration(Silence(t)));
                yield return ("Limit", SlackFormat.Duration(t.StalledAfter ?? TimeSpan.Zero));
                break;
            case AlarmSource.LagGrowing:
                yield return ("Partitions", string.Join(", ", t.Partitions.Select(p => $"{p.Partition} (lag {SlackFormat.Number(p.Lag)})")));
                yield return ("Partitions observed", SlackFormat.Number(t.PartitionsObserved));
                break;
            default:
                yield return ("Matched", Matched(t));
                yield return ("Observed", fired ? $"{Number(t.Value)} ({Threshold(t)})" : $"{Number(t.Value)} (not {Threshold(t)})");
                yield return ("Window", $"{Window(t)} UTC, {SlackFormat.Day(t.WindowStart ?? t.At)}{(t.WindowClosed ? string.Empty : " (open)")}");
                if (fired)
                {
                    yield return ("Consecutive windows", SlackFormat.Number(t.Windows));
                }
                else
                {
                    yield return ("Peak", Number(t.Peak));
                }

                break;
        }

        if (!fired)
        {
            yield return ("Firing for", SlackFormat.Duration(t.Duration));
        }

        yield return ("Severity", AlarmSeverities.Name(t.Severity));
    }

    /// <summary>
    /// The rule and the times. The incident number stays in the message id: it is a minute count, meaningful to
    /// the outbox rather than to a reader.
    /// </summary>
    public static IEnumerable<string> Context(AlarmTransition t)
    {
        yield return $"rule {SlackFormat.Code(t.Rule)}";
        yield return $"fired {SlackFormat.Day(t.FiringSince)} {Clock(t.FiringSince)} UTC";
        if (t.Kind == AlarmTransitionKind.Resolved)
        {
            yield return $"resolved {SlackFormat.Day(t.At)} {Clock(t.At)} UTC";
        }
    }

    private static string Matched(AlarmTransition t) =>
        (t.MatchType, t.MatchPath) switch
        {
            (null, null) => t.Subject,
            ({ } type, null) => $"type {type}",
            (null, { } path) => $"path {path}",
            ({ } type, { } path) => $"type {type}, path {path}",
        };

    private static string SubjectMarkdown(AlarmTransition t) =>
        (t.MatchType, t.MatchPath) switch
        {
            (null, null) => SlackMrkdwn.Escape(t.Subject),
            ({ } type, null) => $"{SlackFormat.Code(type)} events",
            (null, { } path) => $"events on {SlackFormat.Code(path)}",
            ({ } type, { } path) => $"{SlackFormat.Code(type)} events on {SlackFormat.Code(path)}",
        };

    private static string Threshold(AlarmTransition t, bool bold = false)
    {
        var value = Number(t.Threshold);
        value = bold ? $"*{value}*" : value;
        return t.Direction == AlarmDirection.Below ? "below " + value : "above " + value;
    }

    private static string Window(AlarmTransition t) =>
        t.WindowStart is { } start && t.WindowEnd is { } end ? SlackFormat.Range(start, end) : "?";

    private static string PartitionNames(AlarmTransition t) => string.Join(", ", t.Partitions.Select(p => p.Partition));

    // Fire: from the last input until now. Resolve: from the last input before the silence to the one ending it.
    private static TimeSpan Silence(AlarmTransition t) =>
        TimeSpan.FromMilliseconds(Math.Max(0, t.Kind == AlarmTransitionKind.Fired
            ? t.At - (t.LastInputAt ?? t.At)
            : (t.LastInputAt ?? t.At) - (t.SilentSince ?? t.LastInputAt ?? t.At)));

    private static string Clock(long? epochMs) => epochMs is { } ms ? SlackFormat.TimeWithSeconds(ms) : "?";

    private static string Number(long? value) => value is { } v ? SlackFormat.Number(v) : "?";
}
