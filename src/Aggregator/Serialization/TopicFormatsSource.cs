using Confluent.SchemaRegistry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aggregator.Serialization;

/// <summary>
/// The configured <see cref="TopicFormats"/>, made on first use — when the topology is built, after options validation
/// and <see cref="SchemaRegistration"/> have run — never while the host constructs its services: a bad setting then
/// fails start-up with its one line instead of an exception from a constructor.
/// </summary>
internal sealed class TopicFormatsSource(IOptions<SerializationOptions> serialization, IServiceProvider services, ILoggerFactory loggers)
{
    private readonly Lazy<TopicFormats> _formats = new(() => serialization.Value.IsAvro
        ? TopicFormats.Avro(services.GetRequiredService<ISchemaRegistryClient>(), loggers.CreateLogger<RawInputDecoder>())
        : TopicFormats.Json);

    public TopicFormats Value => _formats.Value;
}
