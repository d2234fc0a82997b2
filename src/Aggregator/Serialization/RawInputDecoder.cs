using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Aggregator.Activity;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aggregator.Serialization;

/// <summary>
/// Per raw record: JSON passes through; a value starting with the Confluent magic byte 0 (never the first byte of
/// JSON text) is Avro, decoded by Confluent's deserializer with its writer schema from the registry and rewritten as
/// the contract JSON (<see cref="RawEventAvro"/>). An unknown schema id, a truncated or undecodable payload becomes a
/// rejection with reason <c>schema</c> naming the id — a dead letter, never a crash. A registry that does not answer
/// is not the record's fault: the record waits (the stream thread backs off and retries) so nothing is lost or skipped.
/// </summary>
internal sealed class RawInputDecoder
{
    public const byte MagicByte = 0;
    private const int HeaderLength = 5;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly IDeserializer<GenericRecord>? _avro;
    private readonly ILogger _logger;
    private readonly Action<TimeSpan> _sleep;

    /// <param name="registry">Null: no registry configured (JSON format); framed Avro is then dead-lettered.</param>
    /// <param name="logger">Where registry outages are reported.</param>
    /// <param name="sleep">How to wait between retries (tests pass a recorder).</param>
    public RawInputDecoder(ISchemaRegistryClient? registry, ILogger? logger = null, Action<TimeSpan>? sleep = null)
    {
        _avro = registry is null ? null : new AvroDeserializer<GenericRecord>(registry).AsSyncOverAsync();
        _logger = logger ?? NullLogger.Instance;
        _sleep = sleep ?? Thread.Sleep;
    }

    public static RawInputDecoder JsonOnly { get; } = new(null);

    public RawInput Decode(byte[]? value, string topic)
    {
        if (value is null || value.Length == 0 || value[0] != MagicByte)
        {
            return new RawInput(value, null, null);
        }

        if (value.Length < HeaderLength)
        {
            return Reject(null, "value starts with the Avro magic byte 0 but is " + value.Length.ToString(CultureInfo.InvariantCulture) + " bytes, shorter than the 5-byte header");
        }

        var schemaId = BinaryPrimitives.ReadInt32BigEndian(value.AsSpan(1, 4));
        if (_avro is null)
        {
            return Reject(schemaId, "Confluent-framed Avro but no schema registry is configured (Serialization:Format is json)");
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var record = _avro.Deserialize(value, isNull: false, new SerializationContext(MessageComponentType.Value, topic));
                if (attempt > 1)
                {
                    Log.RegistryReachableAgain(_logger, attempt);
                }

                return new RawInput(RawEventAvro.ToContractJson(record), null, schemaId);
            }
            catch (Exception ex) when (IsUnreachable(ex))
            {
                var wait = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempt, 5) - 1)));
                Log.RegistryUnreachable(_logger, schemaId, ex.Message, wait.TotalSeconds);
                _sleep(wait);
            }
            catch (SchemaRegistryException ex) when (ex.Status == HttpStatusCode.NotFound)
            {
                return Reject(schemaId, "is unknown to the schema registry");
            }
            catch (Exception ex) when (ex is JsonException or InvalidCastException or InvalidDataException or EndOfStreamException
                or Avro.AvroException or IndexOutOfRangeException or ArgumentException or InvalidOperationException)
            {
                return Reject(schemaId, "does not decode: " + ex.Message);
            }
        }
    }

    // Transient: the registry did not answer (network, timeout, 5xx). A 4xx is an answer about the record.
    private static bool IsUnreachable(Exception ex) => ex switch
    {
        // First: Confluent's SchemaRegistryException is an HttpRequestException carrying the registry's answer.
        SchemaRegistryException registry => (int)registry.Status >= 500,
        HttpRequestException or TaskCanceledException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsUnreachable),
        _ => ex.InnerException is { } inner && IsUnreachable(inner),
    };

    private static RawInput Reject(int? schemaId, string why) => new(
        null,
        new Rejection(RejectionCodes.Schema, schemaId is { } id ? "schema id " + id.ToString(CultureInfo.InvariantCulture) + ": " + why : why),
        schemaId);
}
