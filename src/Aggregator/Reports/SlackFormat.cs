using System.Globalization;
using Aggregator.Slack.BlockKit;

namespace Aggregator.Reports;

/// <summary>
/// How numbers, times and data values appear in summaries and alarms: invariant culture (thousands separator
/// <c>,</c>), UTC, and user data escaped so a page path cannot inject mrkdwn links or mentions.
/// </summary>
internal static class SlackFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>1234567 → "1,234,567".</summary>
    public static string Number(long value) => value.ToString("N0", Invariant);

    /// <summary>A share such as an error rate: 0.0034 → "0.34%", 0.052 → "5.2%", 0.5 → "50%".</summary>
    public static string Percent(double fraction)
    {
        var percent = fraction * 100;
        var format = Math.Abs(percent) switch
        {
            0 => "0",
            < 1 => "0.##",
            < 10 => "0.#",
            _ => "0",
        };
        return percent.ToString(format, Invariant) + "%";
    }

    /// <summary>
    /// Relative change: (1120, 1000) → "+12%", (965, 1000) → "-3.5%", equal → "±0%"; null when there is no
    /// previous value to compare with (0), where a percentage means nothing.
    /// </summary>
    public static string? Change(long current, long previous)
    {
        if (previous <= 0)
        {
            return null;
        }

        var percent = (current - previous) * 100.0 / previous;
        var text = Math.Abs(percent).ToString(Math.Abs(percent) < 10 ? "0.#" : "0", Invariant);
        return text == "0" ? "±0%" : (percent > 0 ? "+" : "-") + text + "%";
    }

    public static DateTimeOffset Utc(long epochMs) => DateTimeOffset.FromUnixTimeMilliseconds(epochMs);

    /// <summary>"10:05".</summary>
    public static string Time(long epochMs) => Utc(epochMs).ToString("HH:mm", Invariant);

    /// <summary>"10:05:42".</summary>
    public static string TimeWithSeconds(long epochMs) => Utc(epochMs).ToString("HH:mm:ss", Invariant);

    /// <summary>"10:00–10:10".</summary>
    public static string Range(long startMs, long endMs) => Time(startMs) + "–" + Time(endMs);

    /// <summary>"Sat 21 Nov".</summary>
    public static string Day(long epochMs) => Utc(epochMs).ToString("ddd d MMM", Invariant);

    /// <summary>"2026-11-21T10:00Z": the minute, for message ids.</summary>
    public static string MinuteId(long epochMs) => Utc(epochMs).ToString("yyyy-MM-dd'T'HH:mm'Z'", Invariant);

    /// <summary>"45 s", "7 min", "1 h 5 min", "2 d 3 h".</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        return duration switch
        {
            { TotalMinutes: < 1 } => $"{(int)duration.TotalSeconds} s",
            { TotalHours: < 1 } => $"{(int)duration.TotalMinutes} min",
            { TotalDays: < 1 } => duration.Minutes == 0 ? $"{(int)duration.TotalHours} h" : $"{(int)duration.TotalHours} h {duration.Minutes} min",
            _ => duration.Hours == 0 ? $"{(int)duration.TotalDays} d" : $"{(int)duration.TotalDays} d {duration.Hours} h",
        };
    }

    /// <summary>A data value (page path, event type) as inline code, escaped; a backtick would end the span early.</summary>
    public static string Code(string value) => "`" + SlackMrkdwn.Escape(value.Replace('`', '\'')) + "`";
}
