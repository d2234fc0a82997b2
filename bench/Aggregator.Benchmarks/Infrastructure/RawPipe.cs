using System.Diagnostics;
using Confluent.Kafka;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// The floor to compare against: consume every record and produce it unchanged to another topic, with the
/// runtime's producer settings (idempotent, acks=all, linger 5 ms, 1 MB batches) and no processing, state or
/// commits. Assigns partitions directly, so no group join is timed.
/// </summary>
internal static class RawPipe
{
    /// <summary>Seconds from the first record consumed until the last one produced is acknowledged.</summary>
    public static double Run(BenchKafka kafka, string input, long records)
    {
        var output = kafka.CreateTopic("pipe-out", kafka.Partitions(input));
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = BenchKafka.UniqueName("pipe"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchMaxBytes = 64 << 20,
            MaxPartitionFetchBytes = 8 << 20,
            QueuedMaxMessagesKbytes = 256 << 10,
        }).Build();
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            BatchSize = 1 << 20,
            QueueBufferingMaxMessages = 1_000_000,
            QueueBufferingMaxKbytes = 512 << 10,
            Partitioner = Partitioner.Murmur2Random,
            DeliveryReportFields = "none",
        }).Build();
        consumer.Assign(kafka.PartitionsOf(input).Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        var clock = new Stopwatch();
        long seen = 0;
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (seen < records && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                continue;
            }

            if (seen++ == 0)
            {
                clock.Start();
            }

            while (true)
            {
                try
                {
                    producer.Produce(output, new Message<byte[], byte[]> { Key = result.Message.Key, Value = result.Message.Value, Timestamp = result.Message.Timestamp });
                    break;
                }
                catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(2));
        clock.Stop();
        return seen < records ? double.NaN : clock.Elapsed.TotalSeconds;
    }
}
