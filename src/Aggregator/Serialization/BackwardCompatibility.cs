using Avro;

namespace Aggregator.Serialization;

/// <summary>
/// Avro schema resolution's rules, enough to judge BACKWARD compatibility as Confluent's registry does: can a reader
/// with the new schema read data written with the previous one? Apache.Avro for .NET has no checker (Java's
/// <c>SchemaCompatibility</c> has no port), and <see cref="InMemorySchemaRegistry"/> must refuse what the real registry
/// refuses, or the demo would accept changes production rejects.
/// </summary>
internal static class BackwardCompatibility
{
    /// <returns>Null when <paramref name="reader"/> can read <paramref name="writer"/>'s data; otherwise why not.</returns>
    public static string? Check(Schema reader, Schema writer) => Check(reader, writer, writer.Name);

    private static string? Check(Schema reader, Schema writer, string path)
    {
        reader = reader is LogicalSchema readerLogical ? readerLogical.BaseSchema : reader;
        writer = writer is LogicalSchema writerLogical ? writerLogical.BaseSchema : writer;
        if (writer is UnionSchema writerUnion)
        {
            // Every branch the writer may have used must be readable.
            return writerUnion.Schemas.Select(branch => Check(reader, branch, path)).FirstOrDefault(problem => problem is not null);
        }

        if (reader is UnionSchema readerUnion)
        {
            return readerUnion.Schemas.Any(branch => Check(branch, writer, path) is null)
                ? null
                : $"{path}: no branch of the reader's union reads the writer's {writer.Tag}";
        }

        return (reader, writer) switch
        {
            (RecordSchema r, RecordSchema w) => Records(r, w, path),
            (ArraySchema r, ArraySchema w) => Check(r.ItemSchema, w.ItemSchema, path + "[]"),
            (MapSchema r, MapSchema w) => Check(r.ValueSchema, w.ValueSchema, path + "{}"),
            (EnumSchema r, EnumSchema w) => w.Symbols.FirstOrDefault(symbol => !r.Symbols.Contains(symbol)) is { } missing && r.Default is null
                ? $"{path}: the reader's enum lacks symbol {missing}"
                : null,
            (FixedSchema r, FixedSchema w) => r.Size == w.Size ? null : $"{path}: fixed size changed from {w.Size} to {r.Size}",
            _ when reader.Tag == writer.Tag || Promotes(writer.Tag, reader.Tag) => null,
            _ => $"{path}: type changed from {writer.Tag} to {reader.Tag}",
        };
    }

    private static string? Records(RecordSchema reader, RecordSchema writer, string path)
    {
        if (reader.Name != writer.Name)
        {
            return $"{path}: record name changed from {writer.Name} to {reader.Name}";
        }

        foreach (var field in reader.Fields)
        {
            var problem = writer.TryGetField(field.Name, out var written) || field.Aliases?.Any(alias => writer.TryGetField(alias, out written)) == true
                ? Check(field.Schema, written!.Schema, path + "." + field.Name)
                : field.DefaultValue is null ? $"{path}.{field.Name}: new field has no default, so data written without it cannot be read" : null;
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    // Avro's promotions: what a reader of the right-hand type accepts from a writer of the left-hand one.
    private static bool Promotes(Schema.Type writer, Schema.Type reader) => (writer, reader) switch
    {
        (Schema.Type.Int, Schema.Type.Long or Schema.Type.Float or Schema.Type.Double) => true,
        (Schema.Type.Long, Schema.Type.Float or Schema.Type.Double) => true,
        (Schema.Type.Float, Schema.Type.Double) => true,
        (Schema.Type.String, Schema.Type.Bytes) or (Schema.Type.Bytes, Schema.Type.String) => true,
        _ => false,
    };
}
