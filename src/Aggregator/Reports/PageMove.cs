namespace Aggregator.Reports;

/// <summary>A page whose views changed notably between two intervals.</summary>
internal readonly record struct PageMove(string Path, long Previous, long Current)
{
    public long Change => Current - Previous;
}
