using System.Globalization;

namespace Aggregator.Demo;

/// <summary>
/// Writes ISO-8601 timestamps as UTF-8 without allocating. DateTime's custom format strings ("...fffzzz")
/// take a slow general path and allocate a string per event, which was a large share of the generator's
/// cost at 100k+ events/s; the standard "s" format is fast-pathed, and the rest is a few digits.
/// </summary>
internal static class IsoTimestamp
{
    /// <summary>Longest output: <c>2026-11-21T10:05:00.123+09:00</c>.</summary>
    public const int MaxLength = 29;

    public static int Format(DateTimeOffset time, TimeSpan offset, TimestampStyle style, Span<byte> destination)
    {
        var utc = style == TimestampStyle.IsoUtc;
        var local = utc ? time.UtcDateTime : time.UtcDateTime + offset;
        if (!local.TryFormat(destination, out var written, "s", CultureInfo.InvariantCulture))
        {
            throw new ArgumentException("The destination is too small for a timestamp.", nameof(destination));
        }

        if (style != TimestampStyle.IsoSeconds)
        {
            var ms = local.Millisecond;
            destination[written++] = (byte)'.';
            destination[written++] = (byte)('0' + (ms / 100));
            destination[written++] = (byte)('0' + (ms / 10 % 10));
            destination[written++] = (byte)('0' + (ms % 10));
        }

        if (utc)
        {
            destination[written++] = (byte)'Z';
            return written;
        }

        var minutes = (int)offset.TotalMinutes;
        destination[written++] = (byte)(minutes < 0 ? '-' : '+');
        minutes = Math.Abs(minutes);
        WriteTwoDigits(destination[written..], minutes / 60);
        destination[written + 2] = (byte)':';
        WriteTwoDigits(destination[(written + 3)..], minutes % 60);
        return written + 5;
    }

    /// <summary>The same text as a string, for the rare paths (malformed records, tests).</summary>
    public static string ToString(DateTimeOffset time, TimeSpan offset, TimestampStyle style)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        return System.Text.Encoding.ASCII.GetString(buffer[..Format(time, offset, style, buffer)]);
    }

    private static void WriteTwoDigits(Span<byte> destination, int value)
    {
        destination[0] = (byte)('0' + (value / 10));
        destination[1] = (byte)('0' + (value % 10));
    }
}
