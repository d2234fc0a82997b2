using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aggregator.Reports;

/// <summary>How activity is accumulated into report intervals. Bound from <c>Reports</c>.</summary>
internal sealed class ReportOptions : IValidatableObject
{
    public const string SectionName = "Reports";

    /// <summary>
    /// Length of the aligned, tumbling report interval (event time). Whole minutes that divide a day, so intervals
    /// start at the same wall-clock minutes every day (:00, :10, … for the default).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Distinct page paths a stream task tracks per interval; views of further paths are counted as "other pages",
    /// so a crawler walking millions of URLs cannot exhaust memory or bloat the partials.
    /// </summary>
    [Range(10, 1_000_000)]
    public int MaxTrackedPages { get; set; } = ReportAccumulator.DefaultMaxTrackedPages;

    /// <summary>
    /// When no input has moved event time for this long (wall clock), reports are still sent — for the empty
    /// intervals the silence covers — so a dead pipeline is news in the channel, not a gap.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan SilenceAfter { get; set; } = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan DefaultMaxCatchUp = TimeSpan.FromHours(1);

    /// <summary>
    /// How far behind the wall clock the first summary of a catch-up (a backlog, a restart after downtime) may be:
    /// older intervals are not summarised one by one but folded into one "caught up on …" line in that summary, so
    /// a catch-up never floods the channel. Never less than one <see cref="Interval"/>, whatever is set.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan MaxCatchUp { get; set; } = DefaultMaxCatchUp;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Interval.Ticks % TimeSpan.TicksPerMinute != 0 || TimeSpan.TicksPerDay % Interval.Ticks != 0)
        {
            yield return new ValidationResult(
                $"Reports:Interval must be a whole number of minutes that divides a day (e.g. 00:05:00, 00:10:00, 01:00:00); found {Interval}.",
                [nameof(Interval)]);
        }
    }
}

/// <summary>Source-generated validation of <see cref="ReportOptions"/> (annotations plus its <c>Validate</c>).</summary>
[OptionsValidator]
internal sealed partial class ReportOptionsValidator : IValidateOptions<ReportOptions>;
