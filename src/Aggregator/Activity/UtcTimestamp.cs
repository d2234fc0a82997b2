namespace Aggregator.Activity;

/// <summary>
/// The refined record's one time format, <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>: always UTC, always milliseconds,
/// always 24 bytes. Hand-written because it runs twice per event and the general formatters are several
/// times slower for a fixed layout.
/// </summary>
internal static class UtcTimestamp
{
    public const int Length = 24;

    /// <summary>Drops sub-millisecond ticks and normalises to offset zero, so format/parse round-trips exactly.</summary>
    public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    public static void Format(DateTimeOffset value, Span<byte> destination)
    {
        var utc = value.UtcDateTime;
        var (year, month, day) = utc;
        Write4(destination, 0, year);
        destination[4] = (byte)'-';
        Write2(destination, 5, month);
        destination[7] = (byte)'-';
        Write2(destination, 8, day);
        destination[10] = (byte)'T';
        Write2(destination, 11, utc.Hour);
        destination[13] = (byte)':';
        Write2(destination, 14, utc.Minute);
        destination[16] = (byte)':';
        Write2(destination, 17, utc.Second);
        destination[19] = (byte)'.';
        var millisecond = utc.Millisecond;
        destination[20] = (byte)('0' + (millisecond / 100));
        Write2(destination, 21, millisecond % 100);
        destination[23] = (byte)'Z';
    }

    public static string ToString(DateTimeOffset value)
    {
        Span<byte> utf8 = stackalloc byte[Length];
        Format(value, utf8);
        return string.Create(Length, utf8, static (chars, bytes) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)bytes[i];
            }
        });
    }

    /// <summary>Parses exactly the layout <see cref="Format"/> writes; anything else returns false.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length != Length || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':'
            || text[16] != ':' || text[19] != '.' || text[23] != 'Z')
        {
            return false;
        }

        if (!TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month)
            || !TryDigits(text, 8, 2, out var day) || !TryDigits(text, 11, 2, out var hour)
            || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second)
            || !TryDigits(text, 20, 3, out var millisecond))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero);
        return true;
    }

    private static void Write2(Span<byte> destination, int index, int value)
    {
        destination[index] = (byte)('0' + (value / 10));
        destination[index + 1] = (byte)('0' + (value % 10));
    }

    private static void Write4(Span<byte> destination, int index, int value)
    {
        Write2(destination, index, value / 100);
        Write2(destination, index + 2, value % 100);
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
