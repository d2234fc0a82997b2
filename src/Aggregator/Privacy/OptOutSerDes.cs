using System.Text.Json;
using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace Aggregator.Privacy;

/// <summary>
/// Values of <c>privacy.optouts</c>: <c>{"optedOut":true}</c> opts a user out, <c>{"optedOut":false}</c> opts
/// them back in (as does a tombstone). Anything else is malformed: deserialization throws, and the runtime logs
/// the first of each kind and skips the record without stopping.
/// </summary>
internal sealed class OptOutSerDes : AbstractSerDes<bool>
{
    public static OptOutSerDes Instance { get; } = new();

    public override byte[] Serialize(bool data, SerializationContext context) => data ? """{"optedOut":true}"""u8.ToArray() : """{"optedOut":false}"""u8.ToArray();

    // A tombstone opts the user back in.
    public override bool Deserialize(byte[] data, SerializationContext context) => data is not null && Read(data);

    private static bool Read(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException("An opt-out record must be a JSON object like {\"optedOut\":true}.");
        }

        bool? optedOut = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFlag = reader.ValueTextEquals("optedOut"u8);
            reader.Read();
            if (isFlag)
            {
                optedOut = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => throw new FormatException("\"optedOut\" must be true or false."),
                };
            }
            else
            {
                reader.Skip();
            }
        }

        return optedOut ?? throw new FormatException("An opt-out record needs an \"optedOut\" field.");
    }
}
