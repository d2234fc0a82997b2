using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Aggregator.Activity;

/// <summary>
/// Best-effort reading of the identities of a record that failed validation (<see cref="Identities"/>). The value may
/// be anything — truncated, with trailing garbage, a wrong type further on — so the reader stops at the first problem
/// and keeps what it read before: an id that appeared before the damage still identifies the person. Nothing here
/// throws for bad input.
/// </summary>
internal static class IdentityProbe
{
    /// <summary>Ids longer than this are not ids (and are not looked up).</summary>
    private const int MaxIdLength = 512;

    public static Identities Read(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var keyText = key.Length is > 0 and <= MaxIdLength && Utf8.IsValid(key) ? Encoding.UTF8.GetString(key) : null;
        string? userId = null;
        string? anonymousId = null;
        if (value.StartsWith("\uFEFF"u8))
        {
            value = value[3..];
        }

        // Not a final block: a truncated value ends the loop instead of throwing.
        var reader = new Utf8JsonReader(value, isFinalBlock: false, default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return new Identities(null, null, keyText);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isUser = reader.ValueTextEquals("userId"u8);
                var isAnonymous = !isUser && reader.ValueTextEquals("anonymousId"u8);
                if (!reader.Read())
                {
                    break;
                }

                if (reader.TokenType == JsonTokenType.String && (isUser || isAnonymous) && reader.ValueSpan.Length <= MaxIdLength)
                {
                    var id = reader.GetString();
                    if (isUser)
                    {
                        userId ??= id;
                    }
                    else
                    {
                        anonymousId ??= id;
                    }
                }
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    break;
                }
            }
        }
        catch (JsonException)
        {
            // The damage: what was read before it stands. (Utf8JsonReader has no non-throwing way to meet bad JSON.)
        }
        catch (InvalidOperationException)
        {
            // GetString on invalid UTF-8 or escapes: same as above.
        }

        return new Identities(userId, anonymousId, keyText);
    }
}
