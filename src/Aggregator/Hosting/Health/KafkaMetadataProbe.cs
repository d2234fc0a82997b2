using Aggregator.Hosting.Options;
using Aggregator.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Aggregator.Hosting.Health;

/// <summary>
/// A metadata request through an admin client of its own, with the worker's security settings. A request needs a
/// live connection to some broker, so it fails (times out) exactly when none answers.
/// </summary>
internal sealed class KafkaMetadataProbe(IOptions<KafkaOptions> kafka, IOptions<StreamsOptions> streams) : IBrokerProbe, IDisposable
{
    private readonly Lazy<IAdminClient> _admin = new(() => Create(kafka.Value, streams.Value));

    public bool Probe(TimeSpan timeout, out string? failure)
    {
        try
        {
            var metadata = _admin.Value.GetMetadata(timeout);
            failure = metadata.Brokers.Count == 0 ? "the cluster named no brokers" : null;
            return failure is null;
        }
        catch (KafkaException ex)
        {
            failure = ex.Error.Reason;
            return false;
        }
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }

    private static IAdminClient Create(KafkaOptions kafka, StreamsOptions streams)
    {
        BundledLibrdkafka.EnsureLoaded();
        // Its connection failures are what it reports; librdkafka's own log lines about them would be noise.
        return new AdminClientBuilder(kafka.ClientSettings(streams.ApplicationId + "-broker-probe")).SetLogHandler((_, _) => { }).Build();
    }
}
