using System.Net;
using Aggregator.Hosting.Options;
using Confluent.SchemaRegistry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aggregator.Serialization;

/// <summary>
/// With <c>Serialization:Format=avro</c>, registers the output topics' schemas (topic-name strategy) before the streams
/// start. A refusal (an incompatible change: 409; an invalid schema: 422; bad credentials: 401/403) stops start-up with one
/// line naming the subject and the registry's reason; a registry that does not answer is retried until
/// <c>SchemaRegistry:StartupTimeout</c>, like Kafka's start-up patience, then the same. Registered before the streams
/// worker, so its start never begins with schemas that production would refuse.
/// </summary>
internal sealed class SchemaRegistration(
    IOptions<SerializationOptions> serialization,
    IOptions<SchemaRegistryOptions> registryOptions,
    IOptions<TopicsOptions> topics,
    IOptions<KafkaOptions> kafka,
    IServiceProvider services,
    TimeProvider time,
    ILogger<SchemaRegistration> logger) : IHostedService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>subject → schema the worker writes with (and, with the in-memory double, the raw schema the generator writes with).</summary>
    public static IReadOnlyList<(string Subject, string Schema)> Subjects(TopicsOptions topics, bool includeRaw)
    {
        var subjects = new List<(string, string)>
        {
            (topics.Refined + "-key", AvroSchemas.RefinedKey.ToString()),
            (topics.Refined + "-value", AvroSchemas.RefinedValue.ToString()),
            (topics.Counts + "-key", AvroSchemas.CountsKey.ToString()),
            (topics.Counts + "-value", AvroSchemas.CountsValue.ToString()),
        };
        if (includeRaw)
        {
            subjects.Add((topics.Raw + "-value", AvroSchemas.RawValue.ToString()));
        }

        return subjects;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!serialization.Value.IsAvro)
        {
            return;
        }

        var options = registryOptions.Value;
        var inMemory = SchemaRegistryClients.UsesInMemory(options, kafka.Value.IsEmbedded);
        if (!options.HasUrl && !inMemory)
        {
            throw new Cli.ConfigurationException("SchemaRegistry:Url is required when Serialization:Format is avro on a real cluster (SchemaRegistry:InMemory=true runs the in-memory test double)");
        }

        if (inMemory)
        {
            Log.InMemoryRegistry(logger);
        }

        var registry = (ISchemaRegistryClient)services.GetService(typeof(ISchemaRegistryClient))!;
        var subjects = Subjects(topics.Value, includeRaw: inMemory);
        await RegisterAll(registry, subjects, options, cancellationToken);
        Log.SchemasRegistered(logger, SerializationOptions.Avro, options.ToString(), string.Join(", ", subjects.Select(s => s.Subject)));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Registers each subject's schema, patient with an unreachable registry, never with a refusal.</summary>
    internal async Task RegisterAll(ISchemaRegistryClient registry, IReadOnlyList<(string Subject, string Schema)> subjects, SchemaRegistryOptions options, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.StartupTimeout;
        foreach (var (subject, schema) in subjects)
        {
            while (true)
            {
                try
                {
                    await registry.RegisterSchemaAsync(subject, new Schema(schema, SchemaType.Avro));
                    break;
                }
                catch (SchemaRegistryException ex) when (ex.Status is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    throw new SchemaRegistryStartupException($"schema registry refused subject {subject}: {OneLine(ex.Message)}");
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
                {
                    if (time.GetUtcNow() >= deadline)
                    {
                        throw new SchemaRegistryStartupException($"schema registry {options.Url} unreachable for {options.StartupTimeout:c} (SchemaRegistry:StartupTimeout): {OneLine(ex.Message)}");
                    }

                    Log.RegistryUnreachableAtStartup(logger, OneLine(ex.Message), deadline);
                    await Task.Delay(RetryDelay, time, cancellationToken);
                }
            }
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
