using System.Text;
using System.Text.Json;

namespace Aggregator.Activity;

/// <summary>
/// Reads a raw event's <c>timestamp</c> token as epoch milliseconds: an ISO-8601 string that states its
/// offset, or a JSON number of epoch milliseconds (fractions, as sent by <c>performance.now()</c>-based
/// SDKs, are floored). Bounds are checked separately, by <see cref="EventTimeBounds"/>.
/// </summary>
internal static class EventTimestampReader
{
    /// <summary>Longer strings cannot be an ISO-8601 timestamp; also keeps the echoed value in the detail short.</summary>
    private const int MaxTextLength = 48;

    /// <summary>Returns null and the time on success, or why the token is not a timestamp.</summary>
    public static Rejection? TryRead(ref Utf8JsonReader reader, out long epochMilliseconds)
    {
        epochMilliseconds = 0;
        return reader.TokenType switch
        {
            JsonTokenType.Number => ReadNumber(ref reader, out epochMilliseconds),
            JsonTokenType.String => ReadString(ref reader, out epochMilliseconds),
            _ => new Rejection(
                RejectionCodes.WrongType,
                "field 'timestamp' must be an ISO-8601 string or a number of epoch milliseconds, got "
                    + JsonTokenNames.Describe(reader.TokenType)),
        };
    }

    private static Rejection? ReadNumber(ref Utf8JsonReader reader, out long epochMilliseconds)
    {
        if (reader.TryGetInt64(out epochMilliseconds))
        {
            return null;
        }

        // Fractional or exponent form. Out-of-range values are clamped: they fail the bounds check anyway,
        // which is the more useful thing to report than "unparseable".
        if (reader.TryGetDouble(out var value) && double.IsFinite(value))
        {
            var floored = Math.Floor(value);
            epochMilliseconds = floored >= long.MaxValue ? long.MaxValue
                : floored <= long.MinValue ? long.MinValue
                : (long)floored;
            return null;
        }

        epochMilliseconds = reader.ValueSpan[0] == '-' ? long.MinValue : long.MaxValue;
        return null;
    }

    private static Rejection? ReadString(ref Utf8JsonReader reader, out long epochMilliseconds)
    {
        epochMilliseconds = 0;
        ReadOnlySpan<byte> text = reader.ValueSpan;
        if (reader.ValueIsEscaped)
        {
            // Rare: escapes in a date. Unescape on the heap rather than complicate the common path.
            if (!RawFieldValues.TryGetEscapedString(ref reader, out var unescaped))
            {
                return Unparseable("a string with an invalid \\u escape");
            }

            text = Encoding.UTF8.GetBytes(unescaped);
        }

        if (text.Length > MaxTextLength || !reader.TryGetDateTimeOffset(out var value))
        {
            return Unparseable(Quote(text));
        }

        // The reader accepts "2026-11-21T10:05:00" and date-only values as local time; which zone the
        // sender meant is unknowable, so the contract requires the offset to be stated.
        if (!HasOffset(text))
        {
            return new Rejection(
                RejectionCodes.TimestampUnparseable,
                "timestamp " + Quote(text) + " has no UTC offset (e.g. 'Z' or '+09:00'); local times are ambiguous");
        }

        epochMilliseconds = value.ToUnixTimeMilliseconds();
        return null;
    }

    private static bool HasOffset(ReadOnlySpan<byte> text) =>
        text.Length > 10 && text[10..].IndexOfAny("Zz+-"u8) >= 0;

    private static string Quote(ReadOnlySpan<byte> text) =>
        "'" + Encoding.UTF8.GetString(text[..Math.Min(text.Length, MaxTextLength)]) + (text.Length > MaxTextLength ? "…'" : "'");

    private static Rejection Unparseable(string what) => new(
        RejectionCodes.TimestampUnparseable,
        "timestamp " + what + " is neither ISO-8601 with an offset (e.g. 2026-11-21T10:05:00.123+09:00) nor epoch milliseconds");
}
