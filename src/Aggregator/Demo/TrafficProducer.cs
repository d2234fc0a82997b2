using System.Globalization;
using Aggregator.Streams.Kafka.Native;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aggregator.Demo;

/// <summary>
/// Produces the synthetic stream to Kafka: paced by a token bucket, batched and asynchronous with
/// <c>acks=1</c>, until cancelled, <see cref="GeneratorOptions.Duration"/> or <see cref="GeneratorOptions.Count"/>;
/// then flushes (bounded) and disposes the producer. One run per call; calls may not overlap.
/// </summary>
internal sealed class TrafficProducer
{
    // Records produced between checks of the clock, the limits and delivery reports: small enough to stop
    // promptly and to pace smoothly, large enough that the checks cost nothing at 100k+/s.
    private const int Chunk = 1000;
    // The most the bucket saves up: a stall (GC, a slow poll) shorter than this costs no throughput, and no
    // burst is ever larger than this much traffic.
    private static readonly TimeSpan BucketWindow = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan QueueFullPoll = TimeSpan.FromMilliseconds(50);

    private readonly GeneratorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TrafficProducer> _logger;

    public TrafficProducer(IOptions<GeneratorOptions> options, TimeProvider time, ILogger<TrafficProducer> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Produces until cancelled or the configured duration/count is reached, then flushes (bounded) and returns
    /// what was produced. Cancellation ends the run normally (with a summary); it does not throw.
    /// </summary>
    /// <remarks>
    /// The loop runs on the thread pool whatever the caller's context: it never awaits when unpaced, and its
    /// pacing must not queue behind a caller's synchronization context (under xunit's, the waits stalled for
    /// up to a second at a time).
    /// </remarks>
    public Task<GeneratorSummary> RunAsync(CancellationToken cancellationToken) =>
        Task.Run(() => RunCoreAsync(cancellationToken), CancellationToken.None);

    private async Task<GeneratorSummary> RunCoreAsync(CancellationToken cancellationToken)
    {
        KafkaNativeLibrary.EnsureInitialized();
        var options = _options;
        var seed = options.Seed ?? Random.Shared.Next();
        var generator = new ActivityGenerator(options, seed, new ReplayClock(_time, options.Speed, options.EffectiveReplayLookback));
        var stats = new GeneratorStats();
        var fatal = new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, fatal.Token);
        var config = GeneratorProducerConfig.Create(options);
        using var producer = GeneratorProducerConfig.BuildWithCompressionFallback(
            config,
            c => Build(c, fatal),
            (codec, reason) => Log.CompressionUnavailable(_logger, codec, reason));
        var compression = (config.CompressionType ?? CompressionType.None).ToString();

        Log.Starting(_logger, options.Topic, options.BootstrapServers, options.Rate, options.Users, seed, compression,
            generator.Clock.EventStart, options.Speed);
        if (generator.Anomaly is { } anomaly)
        {
            Log.AnomalyScheduled(_logger, anomaly.Multiplier, anomaly.Start, anomaly.End);
        }

        var started = _time.GetTimestamp();
        void OnDelivery(DeliveryReport<byte[]?, byte[]> report) => OnDelivered(report.Error, stats);
        try
        {
            await ProduceLoopAsync(producer, generator, stats, OnDelivery, started, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Cancellation (or a fatal producer error) is how an open-ended run ends; fall through to the flush.
        }

        var undelivered = producer.Flush(options.FlushTimeout);
        if (undelivered > 0)
        {
            Log.FlushIncomplete(_logger, options.FlushTimeout, undelivered);
        }

        fatal.Dispose();
        var summary = new GeneratorSummary(
            seed, stats.Produced, stats.Delivered, stats.DeliveryErrors, undelivered, stats.Malformed, stats.Duplicates,
            stats.AnomalyEvents, stats.ByType(), _time.GetElapsedTime(started), stats.FirstEventTime, stats.LastEventTime, compression);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var byType = string.Join(", ", summary.ByType.Select(kv => kv.Key + "=" + kv.Value.ToString(CultureInfo.InvariantCulture)));
            var rate = (long)summary.EventsPerSecond;
            Log.Finished(_logger, summary.Produced, summary.Elapsed, rate, summary.Delivered, summary.DeliveryErrors,
                summary.Undelivered, summary.Malformed, summary.Duplicates, summary.AnomalyEvents, byType, seed);
        }

        return summary;
    }

    private async Task ProduceLoopAsync(
        IProducer<byte[]?, byte[]> producer,
        ActivityGenerator generator,
        GeneratorStats stats,
        Action<DeliveryReport<byte[]?, byte[]>> onDelivery,
        long started,
        CancellationToken cancellationToken)
    {
        var options = _options;
        var bucket = options.Rate > 0 ? TokenBucket.ForRate(options.Rate, BucketWindow, _time) : null;
        var nextProgress = options.ProgressInterval;
        var (lastCount, lastElapsed) = (0L, TimeSpan.Zero);
        while (!cancellationToken.IsCancellationRequested)
        {
            var elapsed = _time.GetElapsedTime(started);
            var remaining = options.Count is { } count ? count - stats.Produced : long.MaxValue;
            if (remaining <= 0 || (options.Duration is { } duration && elapsed >= duration))
            {
                return;
            }

            if (elapsed >= nextProgress)
            {
                var produced = stats.Produced;
                var rate = (produced - lastCount) / Math.Max((elapsed - lastElapsed).TotalSeconds, 1e-3);
                var eventTime = generator.Clock.Now;
                Log.Progress(_logger, produced, (long)rate, stats.DeliveryErrors, eventTime);
                (lastCount, lastElapsed) = (produced, elapsed);
                nextProgress = elapsed + options.ProgressInterval;
            }

            var batch = bucket?.TryTake(Math.Min(Chunk, remaining)) ?? Math.Min(Chunk, remaining);
            if (batch == 0)
            {
                // Wait for a couple of milliseconds' worth of tokens rather than one: timers are ~1 ms coarse.
                var wait = bucket!.TimeUntil(Math.Max(1, options.Rate * 0.002));
                await Task.Delay(wait > MinimumWait ? wait : MinimumWait, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            for (var i = 0; i < batch && !cancellationToken.IsCancellationRequested; i++)
            {
                var record = generator.Next();
                if (Produce(producer, new Message<byte[]?, byte[]> { Key = record.Key, Value = record.Value }, stats, onDelivery, cancellationToken))
                {
                    stats.Produce(record.Truth);
                }
            }

            producer.Poll(TimeSpan.Zero);
        }
    }

    private bool Produce(
        IProducer<byte[]?, byte[]> producer,
        Message<byte[]?, byte[]> message,
        GeneratorStats stats,
        Action<DeliveryReport<byte[]?, byte[]>> onDelivery,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                producer.Produce(_options.Topic, message, onDelivery);
                return true;
            }
            catch (ProduceException<byte[]?, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // librdkafka's queue is full: the broker is slower than we produce. Serving delivery reports is
                // what frees queue space, so poll (blocking briefly) and try again; never drop the record here.
                if (cancellationToken.IsCancellationRequested)
                {
                    return false;
                }

                producer.Poll(QueueFullPoll);
            }
            catch (ProduceException<byte[]?, byte[]> ex)
            {
                // Rejected before it was queued (e.g. too large, unknown partition): counted like a failed delivery.
                OnDelivered(ex.Error, stats);
                return true;
            }
        }
    }

    private void OnDelivered(Error error, GeneratorStats stats)
    {
        stats.Delivery(error);
        if (error.IsError && stats.FirstOf(error.Code))
        {
            Log.DeliveryFailed(_logger, error.Code, error.Reason);
        }
    }

    private IProducer<byte[]?, byte[]> Build(ProducerConfig config, CancellationTokenSource fatal) =>
        new ProducerBuilder<byte[]?, byte[]>(config)
            .SetErrorHandler((_, error) =>
            {
                Log.ProducerError(_logger, error.Code, error.Reason, error.IsFatal);
                if (error.IsFatal)
                {
                    Log.StoppingOnFatalError(_logger, error.Code, error.Reason);
                    fatal.Cancel();
                }
            })
            .SetLogHandler((_, message) =>
            {
                var level = LibrdkafkaLevel(message.Level);
                Log.Librdkafka(_logger, level, message.Facility, message.Message);
            })
            .Build();

    // librdkafka's own log lines are diagnostics for us; errors reach us through the error handler as well.
    private static LogLevel LibrdkafkaLevel(SyslogLevel level) => level <= SyslogLevel.Warning ? LogLevel.Information : LogLevel.Debug;
}
