using System.Text;
using Aggregator.IntegrationTests.Infrastructure;
using Aggregator.Kafka;
using Confluent.Kafka;

namespace Aggregator.IntegrationTests.Kafka;

/// <summary>
/// Interactive queries find a key's task by hashing it like the producer's partitioner does; if the two ever
/// disagreed, /counts would send callers to the wrong instance. Checked against librdkafka itself.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class Murmur2PartitionerTests(EmbeddedKafkaFixture kafka)
{
    [Fact]
    public async Task PartitionOfAKey_MatchesWhereTheProducerPutsIt()
    {
        var topic = kafka.CreateTopic("murmur", 7);
        var keys = Enumerable.Range(0, 300).Select(i => $"page_view|/products/{i}").Append("").Append("é|ünïcode").ToList();
        using var producer = kafka.CreateProducer();
        foreach (var key in keys)
        {
            var result = await producer.ProduceAsync(topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(key), Value = [1] });
            Assert.Equal(Murmur2Partitioner.Partition(Encoding.UTF8.GetBytes(key), 7), result.Partition.Value);
        }
    }
}
