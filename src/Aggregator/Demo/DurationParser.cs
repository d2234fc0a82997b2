using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Aggregator.Demo;

/// <summary>
/// Parses the durations people type on a command line: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>,
/// <c>2d</c>, compounds such as <c>1h30m</c>, decimals such as <c>1.5h</c>, and plain <see cref="TimeSpan"/>
/// text (<c>00:05:00</c>, <c>1.02:00:00</c>).
/// </summary>
/// <remarks>
/// A bare number (<c>30</c>) is rejected on purpose: whether it means seconds or minutes is a guess, and a
/// wrong guess turns a 30-second demo into a 30-minute one.
/// </remarks>
internal static class DurationParser
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string Help = "use a number with a unit (500ms, 30s, 5m, 1h, 2d, 1h30m) or hh:mm:ss";

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a duration; {Help}.");

    public static bool TryParse([NotNullWhen(true)] string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (span.Contains(':'))
        {
            // TimeSpan's own invariant formats; "c" first so "1.02:00:00" means a day and two hours.
            return (TimeSpan.TryParseExact(span, "c", CultureInfo.InvariantCulture, out value)
                    || TimeSpan.TryParse(span, CultureInfo.InvariantCulture, out value))
                && value >= TimeSpan.Zero;
        }

        return TryParseUnits(span, out value);
    }

    private static bool TryParseUnits(ReadOnlySpan<char> span, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var ticks = 0.0;
        var lastUnitRank = int.MaxValue;
        while (!span.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            {
                numberLength++;
            }

            var unitLength = 0;
            while (numberLength + unitLength < span.Length && char.IsAsciiLetter(span[numberLength + unitLength]))
            {
                unitLength++;
            }

            if (numberLength == 0 || unitLength == 0
                || !double.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                || !TryUnit(span.Slice(numberLength, unitLength), out var unitTicks, out var rank)
                || rank >= lastUnitRank)
            {
                // Units must go from largest to smallest, each once: "30m1h" is more likely a typo than intent.
                return false;
            }

            lastUnitRank = rank;
            ticks += number * unitTicks;
            span = span[(numberLength + unitLength)..];
        }

        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    private static bool TryUnit(ReadOnlySpan<char> unit, out double ticks, out int rank)
    {
        (ticks, rank) = unit switch
        {
            "d" => (TimeSpan.TicksPerDay, 4),
            "h" => (TimeSpan.TicksPerHour, 3),
            "m" or "min" => (TimeSpan.TicksPerMinute, 2),
            "s" => (TimeSpan.TicksPerSecond, 1),
            "ms" => (TimeSpan.TicksPerMillisecond, 0),
            _ => (0.0, -1),
        };
        return rank >= 0;
    }
}
