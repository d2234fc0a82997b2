namespace Aggregator.Alarms;

/// <summary>
/// What a rule's window history says (see <see cref="AlarmEvaluator"/> for the terms): the latest clear and
/// breaching windows, and among the windows after the latest clear one, the runs of consecutive breaching windows.
/// </summary>
internal sealed class WindowAnalysis
{
    private long? _maxAbove;
    private long? _minBelow;

    private WindowAnalysis()
    {
    }

    /// <summary>The newest closed window that did not breach: the barrier nothing before which can fire.</summary>
    public WindowMark? LatestClear { get; private set; }

    /// <summary>The newest breaching window.</summary>
    public WindowMark? LatestBreach { get; private set; }

    /// <summary>The newest window ending a run of at least <c>For</c> breaching windows after the barrier; null if none.</summary>
    public WindowMark? Trigger { get; private set; }

    /// <summary>Length of the run ending at <see cref="Trigger"/>.</summary>
    public int TriggerRun { get; private set; }

    /// <summary>Start of the first window of the first run that reached <c>For</c>: when the condition began.</summary>
    public long? FirstRunStart { get; private set; }

    /// <summary>The longest run of consecutive breaching windows after the barrier.</summary>
    public int LongestRun { get; private set; }

    public static WindowAnalysis Of(AlarmRule rule, IReadOnlyList<WindowMark> windows)
    {
        var analysis = new WindowAnalysis();
        WindowMark? previous = null; // the previous window, when it was breaching
        var run = 0;
        long runStart = 0;
        foreach (var window in windows)
        {
            var breach = rule.Breach(window.Count, window.Closed);
            if (breach is null)
            {
                if (window.Closed)
                {
                    analysis.Reset(window);
                }

                previous = null;
                run = 0;
                continue;
            }

            var continues = previous is not null && window.Start - previous.Start == rule.WindowAdvanceMs;
            run = continues ? run + 1 : 1;
            runStart = continues ? runStart : window.Start;
            previous = window;
            analysis.LatestBreach = window;
            analysis.LongestRun = Math.Max(analysis.LongestRun, run);
            analysis.Include(breach.Value, window.Count);
            if (run >= rule.For)
            {
                analysis.Trigger = window;
                analysis.TriggerRun = run;
                analysis.FirstRunStart ??= runStart;
            }
        }

        return analysis;
    }

    /// <summary>The most extreme breaching count after the barrier: the highest above, the lowest below.</summary>
    public long? Extreme(AlarmDirection direction) => direction == AlarmDirection.Above ? _maxAbove : _minBelow;

    private void Include(AlarmDirection direction, long count)
    {
        if (direction == AlarmDirection.Above)
        {
            _maxAbove = Math.Max(_maxAbove ?? long.MinValue, count);
        }
        else
        {
            _minBelow = Math.Min(_minBelow ?? long.MaxValue, count);
        }
    }

    // A clear window: what came before it no longer counts towards a fire.
    private void Reset(WindowMark clear)
    {
        LatestClear = clear;
        Trigger = null;
        TriggerRun = 0;
        FirstRunStart = null;
        LongestRun = 0;
        _maxAbove = null;
        _minBelow = null;
    }
}
