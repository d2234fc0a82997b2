using System.Text;
using Aggregator.Hosting.Options;

namespace Aggregator.Serialization;

/// <summary>The schema of each external topic in both formats, as topology.md lists it (issue 12).</summary>
internal static class TopicSchemas
{
    public static string Markdown(TopicsOptions topics)
    {
        var text = new StringBuilder();
        text.AppendLine("## Schemas");
        text.AppendLine();
        text.AppendLine("`Serialization:Format` chooses how the worker writes the refined and counts topics: `json` (default: the contract in `src/Aggregator/Activity/CONTRACT.md`) or `avro` (Confluent wire format — magic byte 0, big-endian 4-byte schema id, Avro binary — with the schemas in `src/Aggregator/Serialization/Schemas/`, registered under the topic-name strategy at start-up). Raw values may be JSON or Confluent-framed Avro, told apart per record by the first byte; with `json` there is no registry, so framed Avro goes to the DLQ (reason `schema`).");
        text.AppendLine();
        text.AppendLine("| avro subject (topic-name strategy) | schema file | record | in json |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine($"| `{topics.Raw}-value` | `raw-value.avsc` | `{AvroSchemas.RawValue.Fullname}` | the raw contract (a JSON object); keys are anything |");
        text.AppendLine($"| `{topics.Refined}-key` | `refined-key.avsc` | `{AvroSchemas.RefinedKey.Fullname}` | the user as a plain string |");
        text.AppendLine($"| `{topics.Refined}-value` | `refined-value.avsc` | `{AvroSchemas.RefinedValue.Fullname}` | the refined contract |");
        text.AppendLine($"| `{topics.Counts}-key` | `counts-key.avsc` | `{AvroSchemas.CountsKey.Fullname}` | `{{key, windowStart, windowEnd}}` |");
        text.AppendLine($"| `{topics.Counts}-value` | `counts-value.avsc` | `{AvroSchemas.CountsValue.Fullname}` | `{{key, windowStart, windowEnd, count}}` |");
        text.AppendLine();
        text.AppendLine($"`{topics.Dlq}` keeps the rejected value masked as JSON (an Avro value as its contract JSON; undecodable Avro withheld), or the bytes as received with `Privacy:DlqKeepRaw`, with `dlq.*` headers (docs/privacy.md); the internal topics keep their own compact formats (only the worker reads them).");
        return text.ToString();
    }
}
