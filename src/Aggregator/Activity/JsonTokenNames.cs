using System.Text.Json;

namespace Aggregator.Activity;

/// <summary>JSON type names as a sender would say them, for rejection details ("got array").</summary>
internal static class JsonTokenNames
{
    public static string Describe(JsonTokenType tokenType) => tokenType switch
    {
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        _ => tokenType.ToString(),
    };
}
