namespace Aggregator.Hosting.Metrics;

/// <summary>Lock-free arithmetic on a <see cref="double"/> field (Interlocked has no Add for doubles).</summary>
internal static class AtomicDouble
{
    public static void Add(ref double location, double value)
    {
        var current = Volatile.Read(ref location);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref location, current + value, current);

            // Bitwise, not ==: a NaN in the field would otherwise never compare equal and spin forever.
            if (BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(current))
            {
                return;
            }

            current = seen;
        }
    }
}
