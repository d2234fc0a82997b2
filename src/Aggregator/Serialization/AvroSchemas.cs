using Avro;

namespace Aggregator.Serialization;

/// <summary>
/// The topics' Avro schemas, parsed once from the <c>.avsc</c> files in <c>Schemas/</c> (embedded resources).
/// The files are the source of truth: reviewed as files, registered as written, and mapped to the app's own types by
/// hand (<see cref="RefinedEventAvro"/>, <see cref="WindowedCountAvro"/>, <see cref="RawEventAvro"/>) rather than through
/// generated classes — see Schemas/README.md for why.
/// </summary>
internal static class AvroSchemas
{
    public static RecordSchema RefinedKey { get; } = Load("refined-key");

    public static RecordSchema RefinedValue { get; } = Load("refined-value");

    public static RecordSchema CountsKey { get; } = Load("counts-key");

    public static RecordSchema CountsValue { get; } = Load("counts-value");

    public static RecordSchema RawValue { get; } = Load("raw-value");

    /// <summary>The text of a schema file as shipped (documentation included), e.g. for registration or topology.md.</summary>
    public static string Text(string name)
    {
        using var stream = typeof(AvroSchemas).Assembly.GetManifestResourceStream("Aggregator.Schemas." + name + ".avsc")
            ?? throw new InvalidOperationException("Avro schema " + name + ".avsc is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static RecordSchema Load(string name) => (RecordSchema)Schema.Parse(Text(name));
}
