using Aggregator.Streams.Runtime;

namespace Aggregator.Hosting;

/// <summary>
/// The running streams instance, shared with the parts of the host that observe it (status line, health,
/// metrics, interactive queries). Null until the worker has created it.
/// </summary>
internal sealed class StreamsInstance
{
    private volatile KafkaStreams? _streams;

    public KafkaStreams? Current => _streams;

    public StreamsStatus Status => _streams?.Status ?? StreamsStatus.Empty;

    public void Set(KafkaStreams streams) => _streams = streams;
}
