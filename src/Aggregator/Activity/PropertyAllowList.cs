using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Aggregator.Activity;

/// <summary>
/// Keeps only the allowed top-level <c>properties</c> of an event (<see cref="PrivacyOptions.AllowedProperties"/>):
/// free-form properties are where collectors put whatever a page knew — names, e-mail addresses, search text — so
/// anything not declared safe is dropped, and counted so a new property nobody allowed shows up on a dashboard.
/// Kept properties are copied byte for byte. Pure and thread-safe.
/// </summary>
internal sealed class PropertyAllowList
{
    // Names this long or shorter are looked up from the stack, without a string per property per event.
    private const int StackNameLength = 128;
    private readonly Lazy<FrozenSet<string>> _allowedSet;

    // Options read at first use, not here: a bad Privacy section must fail start-up validation with its one-line message,
    // not the construction of the hosted services that depend on this.
    public PropertyAllowList(IOptions<PrivacyOptions> options)
        : this(() => options.Value.EffectiveAllowedProperties)
    {
    }

    // Private so the DI container sees one constructor.
    private PropertyAllowList(Func<IEnumerable<string>> allowed) =>
        _allowedSet = new Lazy<FrozenSet<string>>(() => allowed().ToFrozenSet(StringComparer.Ordinal));

    private FrozenSet<string> Allowed => _allowedSet.Value;

    public static PropertyAllowList For(IEnumerable<string> allowed) => new(() => allowed);

    /// <summary>
    /// The object without disallowed properties, and how many were dropped. The same memory when nothing was dropped
    /// (most events); empty stays empty. <paramref name="properties"/> is a JSON object the parser already validated.
    /// </summary>
    public (ReadOnlyMemory<byte> Kept, int Dropped) Filter(ReadOnlyMemory<byte> properties)
    {
        if (properties.IsEmpty)
        {
            return (properties, 0);
        }

        var dropped = Count(properties.Span);
        if (dropped == 0)
        {
            return (properties, 0);
        }

        var buffer = new ArrayBufferWriter<byte>(properties.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(properties.Span, writer);
        }

        return (buffer.WrittenMemory, dropped);
    }

    /// <summary>Writes the filtered object of <paramref name="properties"/> (a JSON object) to <paramref name="writer"/>.</summary>
    public int Write(ReadOnlySpan<byte> properties, Utf8JsonWriter writer)
    {
        var reader = new Utf8JsonReader(properties);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            // Not an object (the contract says it is; a dead letter may say otherwise): nothing of it is kept.
            writer.WriteStartObject();
            writer.WriteEndObject();
            return 1;
        }

        var dropped = 0;
        writer.WriteStartObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!; // rare: an object with something to drop, or a dead letter
            reader.Read();
            if (Allowed.Contains(name))
            {
                writer.WritePropertyName(name);
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                writer.WriteRawValue(properties[start..end], skipInputValidation: true);
            }
            else
            {
                dropped++;
                reader.Skip();
            }
        }

        writer.WriteEndObject();
        return dropped;
    }

    private int Count(ReadOnlySpan<byte> properties)
    {
        var reader = new Utf8JsonReader(properties);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return 1;
        }

        var dropped = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!IsAllowed(ref reader))
            {
                dropped++;
            }

            reader.Read();
            reader.Skip();
        }

        return dropped;
    }

    // Every event's properties pass here: the name is unescaped onto the stack and looked up as characters (a UTF-8
    // name is never shorter in bytes than in UTF-16 characters, so its byte length bounds the buffer).
    private bool IsAllowed(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueSpan.Length > StackNameLength)
        {
            return Allowed.Contains(reader.GetString()!);
        }

        Span<char> name = stackalloc char[StackNameLength];
        var length = reader.CopyString(name);
        return Allowed.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name[..length]);
    }
}
