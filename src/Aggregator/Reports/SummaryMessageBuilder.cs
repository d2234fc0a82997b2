using Aggregator.Slack;
using Aggregator.Slack.BlockKit;

namespace Aggregator.Reports;

/// <summary>
/// Builds the Slack message analysts read for one report interval: header, warnings (missing sources, silence),
/// totals with the change against the previous interval, events by type, top pages, biggest movers, a per-minute
/// sparkline and a trust footer. Pure: the same inputs give the same message, and the id
/// (<c>summary:2026-11-21T10:00Z</c>) depends only on the interval, so the outbox de-duplicates a rebuilt summary.
/// </summary>
/// <remarks>The wording of each part is in <see cref="SummaryText"/>.</remarks>
internal static class SummaryMessageBuilder
{
    /// <param name="current">The interval to report.</param>
    /// <param name="previous">The interval before it, for the changes; null for the first report.</param>
    /// <param name="footer">The pipeline's health when the interval closed.</param>
    /// <param name="options">What to show.</param>
    /// <param name="caughtUp">Earlier intervals folded into this summary instead of one each (a line near the top).</param>
    public static SlackMessage Build(IntervalReport current, IntervalReport? previous, TrustFooter footer, SummaryOptions options, CatchUp? caughtUp = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(footer);
        ArgumentNullException.ThrowIfNull(options);

        var builder = new SlackMessageBuilder(Id(current), SlackMessageKind.Summary)
            .Text(SummaryText.Fallback(current, previous, footer, caughtUp))
            .Header("📊 " + SummaryText.Title(current));

        if (SummaryText.MissingSources(current, footer) is { } missing)
        {
            builder.Section($"⚠ *{missing}* — the numbers below are incomplete.");
        }

        if (current.Events == 0)
        {
            builder.Section($"⚠ *{SummaryText.Silence}*");
        }

        if (caughtUp is not null)
        {
            builder.Section(SummaryText.CaughtUp(caughtUp));
        }

        builder.Section(SummaryText.Headline(current, previous));
        if (current.Events > 0)
        {
            builder.Add(new SectionBlock(SlackText.Markdown("*Events by type*"), SummaryText.TypeFields(current)));
            builder.Section(SummaryText.TopPages(current, previous, options.TopPages));
            if (previous is not null && SummaryText.Movers(current, previous, options) is { } movers)
            {
                builder.Section(movers);
            }

            builder.Section(SummaryText.Volume(current));
        }

        return builder
            .Divider()
            .Context(SummaryText.Footer(current, footer))
            .Build();
    }

    /// <summary><c>summary:2026-11-21T10:00Z</c>: one per interval, stable across rebuilds.</summary>
    public static string Id(IntervalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return "summary:" + SlackFormat.MinuteId(report.IntervalStart);
    }
}
