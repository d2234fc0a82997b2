using Confluent.Kafka;
using Streamiz.Kafka.Net;

namespace Aggregator.Hosting.Streams;

/// <summary>
/// Streamiz's <see cref="StreamConfig"/>, with the admin client settings its producer asks for on every record built once.
/// </summary>
/// <remarks>
/// Streamiz 1.8.2's sink processors call <c>StreamsProducer.PartitionsFor(topic)</c> for every record they write (every
/// <c>To()</c> sink has a partitioner), and that begins with <c>IStreamConfig.ToAdminConfig("")</c>: a new settings
/// dictionary merged with LINQ plus two reflection calls for the client's version, only to read the metadata refresh
/// interval before a cache lookup. Profiled on the bench, that was 11 % of the stream thread and most of its garbage
/// (the thread spent 22 % waiting for GCs). Nothing changes the settings once the stream has started, so the one the
/// producer reads is built once; every other client id gets a fresh one as before. The interface is re-implemented
/// (StreamConfig's method is not virtual): Streamiz holds its configuration as an <see cref="IStreamConfig"/>.
/// </remarks>
internal sealed class SinkFriendlyStreamConfig : StreamConfig, IStreamConfig
{
    private AdminClientConfig? _anonymousAdmin;

    AdminClientConfig IStreamConfig.ToAdminConfig(string clientId) =>
        clientId.Length == 0 ? _anonymousAdmin ??= ToAdminConfig(clientId) : ToAdminConfig(clientId);
}
