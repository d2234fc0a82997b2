namespace Aggregator.Slack.Tests.Testing;

internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> in real time; fails the test if it does not hold within 5 s.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
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
    /// Runs <paramref name="start"/> off the test's synchronization context and, while it is waiting on the fake
    /// clock (at least <paramref name="timersWhileWaiting"/> timers pending), moves the clock to the next timer.
    /// </summary>
    public static async Task<T> DriveAsync<T>(FakeTimeProvider clock, Func<Task<T>> start, int timersWhileWaiting = 2)
    {
        var task = Task.Run(start);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!task.IsCompleted)
        {
            await Task.Delay(2);
            if (!task.IsCompleted && clock.PendingTimers >= timersWhileWaiting)
            {
                clock.AdvanceToNextTimer();
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The operation did not complete on the fake clock.");
            }
        }

        return await task;
    }
}
