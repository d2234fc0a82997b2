using Microsoft.Extensions.Time.Testing;

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
    /// <paramref name="timersWhileWaiting"/> timers armed), moves the clock on by 1 ms. The operation starts, and
    /// timers fire, on this thread with no synchronization context, so most continuations run inline inside
    /// <see cref="FakeTimeProvider.Advance"/>; one that resumes on the thread pool (a wait cancelled by a timeout)
    /// leaves fewer timers armed, and the clock waits for it. Every wait in these tests is a whole number of
    /// milliseconds, so each timer fires at its exact due time.
    /// </summary>
    public static async Task<T> DriveAsync<T>(FakeClock clock, Func<Task<T>> start, int timersWhileWaiting = 2)
    {
        var step = TimeSpan.FromMilliseconds(1);
        var giveUpAt = clock.GetUtcNow() + TimeSpan.FromMinutes(10);
        var realDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var task = WithoutSynchronizationContext(start);
        while (!task.IsCompleted)
        {
            if (clock.GetUtcNow() >= giveUpAt || DateTime.UtcNow > realDeadline)
            {
                Assert.Fail("The operation did not complete on the fake clock.");
            }

            if (clock.PendingTimers >= timersWhileWaiting)
            {
                WithoutSynchronizationContext(() =>
                {
                    clock.Advance(step);
                    return true;
                });
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
