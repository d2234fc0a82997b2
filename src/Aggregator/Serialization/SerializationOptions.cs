using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aggregator.Serialization;

/// <summary>
/// The wire format of the topics the worker writes (activity.refined, activity.counts). Bound from <c>Serialization</c>.
/// <c>json</c> is today's contract and the default; <c>avro</c> writes Confluent-framed Avro with schemas registered
/// in a Schema Registry (issue 12). Raw input is accepted in both formats whatever this says.
/// </summary>
internal sealed class SerializationOptions : IValidatableObject
{
    public const string SectionName = "Serialization";
    public const string Json = "json";
    public const string Avro = "avro";

    public string Format { get; set; } = Json;

    public bool IsAvro => string.Equals(Format, Avro, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.Equals(Format, Json, StringComparison.OrdinalIgnoreCase) && !IsAvro)
        {
            yield return new($"Serialization:Format must be {Json} or {Avro}, not '{Format}'.", [nameof(Format)]);
        }
    }
}

[OptionsValidator]
internal sealed partial class SerializationOptionsValidator : IValidateOptions<SerializationOptions>;
