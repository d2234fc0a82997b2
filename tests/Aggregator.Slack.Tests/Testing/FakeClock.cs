using Microsoft.Extensions.Time.Testing;

namespace Aggregator.Slack.Tests.Testing;

/// <summary>
/// The library's <see cref="FakeTimeProvider"/>, counting its armed timers so a test driver can tell when the code
/// under test is parked on the clock: FakeTimeProvider does not expose its timers, and a Task.Delay cancelled by a
/// timeout resumes on the thread pool, not inline, so "Advance returned" does not mean "parked again".
/// </summary>
internal sealed class FakeClock : FakeTimeProvider
{
    private int _armed;

    /// <summary>Timers that will fire if the clock moves far enough.</summary>
    public int PendingTimers => Volatile.Read(ref _armed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new CountedTimer(this, callback);
        timer.Inner = base.CreateTimer(timer.Fire, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class CountedTimer(FakeClock clock, TimerCallback callback) : ITimer
    {
        private readonly Lock _lock = new();
        private bool _armed;
        private bool _periodic;

        public ITimer Inner { get; set; } = null!;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_lock)
            {
                Arm(dueTime != Timeout.InfiniteTimeSpan);
                _periodic = period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero;
            }

            return Inner.Change(dueTime, period);
        }

        public void Fire(object? state)
        {
            lock (_lock)
            {
                // A one-shot timer is spent once it fires; the callback may arm it again.
                Arm(_periodic && _armed);
            }

            callback(state);
        }

        public void Dispose()
        {
            lock (_lock)
            {
                Arm(false);
            }

            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Arm(bool armed)
        {
            if (armed != _armed)
            {
                _armed = armed;
                Interlocked.Add(ref clock._armed, armed ? 1 : -1);
            }
        }
    }
}
