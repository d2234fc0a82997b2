using System.Diagnostics;
using Confluent.Kafka;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// The pipe when kcat is not installed: Confluent.Kafka in this process consumes every record and produces it unchanged
/// to another topic (lz4, linger 5 ms, 1 MB batches), no processing, state or commits. Assigns partitions directly, so no
/// group join is timed. Its CPU is this process's, so it includes the embedded broker's.
/// </summary>
internal static class RawPipe
{
    public static PipeRun Run(BenchBroker broker, string input, string output, long records)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            GroupId = "bench-pipe",
            EnableAutoCommit = false,
            FetchMaxBytes = 64 << 20,
            MaxPartitionFetchBytes = 8 << 20,
        }).Build();
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            LingerMs = 5,
            CompressionType = CompressionType.Lz4,
            BatchSize = 1 << 20,
            QueueBufferingMaxMessages = 1_000_000,
            QueueBufferingMaxKbytes = 512 << 10,
            DeliveryReportFields = "none",
        }).Build();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        consumer.Assign(broker.PartitionsOf(input).Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        long seen = 0;
        while (seen < records && clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                continue;
            }

            seen++;
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
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return seen < records
            ? PipeRun.Failed($"the Confluent.Kafka pipe saw {seen:N0} of {records:N0} records within 5 minutes")
            : new PipeRun(seconds, cpuSeconds, broker.HighWatermarks(output), null);
    }
}
