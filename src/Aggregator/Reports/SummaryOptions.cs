using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aggregator.Reports;

/// <summary>What the interval summary shows. Bound from <c>Reports:Summary</c>.</summary>
internal sealed class SummaryOptions
{
    public const string SectionName = "Reports:Summary";

    /// <summary>Pages listed under "Top pages", by views.</summary>
    [Range(1, 20)]
    public int TopPages { get; set; } = 5;

    /// <summary>Pages listed under "Biggest movers"; 0 hides the section.</summary>
    [Range(0, 20)]
    public int Movers { get; set; } = 3;

    /// <summary>
    /// A mover's views must change by at least this many (up or down) since the previous interval, so a page
    /// going from 2 to 6 views (+200%) is not news.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MoverMinChange { get; set; } = 100;

    /// <summary>
    /// …and by at least this fraction of its previous views (0.5 = 50%), so a top page going from 10,000 to
    /// 10,150 is not news either. A page with no previous views qualifies on <see cref="MoverMinChange"/> alone.
    /// </summary>
    [Range(0.0, 1000.0)]
    public double MoverMinRelativeChange { get; set; } = 0.5;
}

/// <summary>Source-generated validation of <see cref="SummaryOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class SummaryOptionsValidator : IValidateOptions<SummaryOptions>;
