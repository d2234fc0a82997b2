namespace Aggregator.Slack.Tests.Testing;

internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> in real time; fails the test if it does not hold within <paramref name="within"/> (default 5 s).</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(5));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>
    /// Runs <paramref name="start"/> and, while it waits on the fake clock (at least
    /// <paramref name="timersWhileWaiting"/> timers pending), moves the clock to the next timer.
    /// Deterministic: the operation starts, and every timer fires, on this thread with no synchronization
    /// context, so continuations run inline inside <see cref="FakeTimeProvider.Advance"/> and the operation is
    /// always parked on a timer when the clock is looked at (never half-way through an attempt, when the
    /// per-attempt timeout is among the pending timers).
    /// </summary>
    public static async Task<T> DriveAsync<T>(FakeTimeProvider clock, Func<Task<T>> start, int timersWhileWaiting = 2)
    {
        var task = WithoutSynchronizationContext(start);
        for (var steps = 0; !task.IsCompleted; steps++)
        {
            if (steps > 1000)
            {
                Assert.Fail("The operation did not complete on the fake clock.");
            }

            if (clock.PendingTimers >= timersWhileWaiting)
            {
                WithoutSynchronizationContext(() => clock.AdvanceToNextTimer());
            }
            else
            {
                await Task.Delay(2);
            }
        }

        return await task;
    }

    private static TResult WithoutSynchronizationContext<TResult>(Func<TResult> action)
    {
        var saved = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(saved);
        }
    }
}
