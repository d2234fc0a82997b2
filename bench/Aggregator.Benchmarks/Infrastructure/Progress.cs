using System.Diagnostics;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// Polls broker-side progress of a run every 50 ms (cheap enough not to show in the CPU profile) and notes when each condition first held,
/// as seconds since the run's clock started.
/// </summary>
internal sealed class Progress(Stopwatch clock)
{
    private readonly Dictionary<string, double> _marks = new(StringComparer.Ordinal);

    public double? this[string mark] => _marks.TryGetValue(mark, out var value) ? value : null;

    /// <summary>
    /// Polls until <paramref name="last"/> holds or <paramref name="timeout"/> passes or <paramref name="hopeless"/>
    /// holds (checked every second); false unless <paramref name="last"/> held.
    /// </summary>
    public async Task<bool> WaitAsync(IReadOnlyList<(string Mark, Func<bool> Holds)> conditions, string last, TimeSpan timeout, Func<bool>? hopeless = null)
    {
        var deadline = clock.Elapsed + timeout;
        var nextHopelessCheck = clock.Elapsed;
        while (clock.Elapsed < deadline)
        {
            if (hopeless is not null && clock.Elapsed >= nextHopelessCheck)
            {
                nextHopelessCheck = clock.Elapsed + TimeSpan.FromSeconds(1);
                if (hopeless())
                {
                    return false;
                }
            }

            foreach (var (mark, holds) in conditions)
            {
                if (!_marks.ContainsKey(mark) && holds())
                {
                    _marks[mark] = clock.Elapsed.TotalSeconds;
                }
            }

            if (_marks.ContainsKey(last))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        return false;
    }
}
