using Streamiz.Kafka.Net.State;

namespace Aggregator.Serialization;

/// <summary>One record of activity.counts: a count key's window and its count so far (the value; the key is <see cref="Window"/>).</summary>
internal sealed record WindowedCount(Windowed<string> Window, long Count);
