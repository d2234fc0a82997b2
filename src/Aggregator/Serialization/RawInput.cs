using Aggregator.Activity;

namespace Aggregator.Serialization;

/// <summary>A raw value made ready for the JSON contract's parser: the JSON to parse, or why it cannot be.</summary>
/// <param name="Json">The value itself for JSON input; the contract JSON of the decoded record for Avro input.</param>
/// <param name="Rejection">Set when the value is framed Avro that does not decode (reason <see cref="RejectionCodes.Schema"/>).</param>
/// <param name="SchemaId">The framed value's schema id, when it had one.</param>
internal readonly record struct RawInput(byte[]? Json, Rejection? Rejection, int? SchemaId)
{
    public bool IsAvro => SchemaId is not null;
}
