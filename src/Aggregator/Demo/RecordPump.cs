using System.Threading.Channels;

namespace Aggregator.Demo;

/// <summary>
/// Generates records on a task of its own, paced by a token bucket and stopped by the count or duration, and
/// hands them over in chunks through a small bounded channel. Generating an event costs about as much CPU as
/// producing it, so splitting the two across cores is what lets one generator exceed 100k events/s.
/// </summary>
/// <remarks>
/// The channel holds two chunks: when Kafka falls behind, generation waits instead of running ahead, so event
/// time stays within a chunk or two of when the record is produced. Not restartable; one pump per run.
/// </remarks>
internal sealed class RecordPump
{
    // Small enough to stop promptly and keep event time close to produce time, large enough that the
    // per-chunk work (clock, limits, channel) costs nothing at 100k+/s.
    private const int MaxChunk = 1000;

    // The most the bucket saves up: a stall (GC, a slow poll) shorter than this costs no throughput, and no
    // burst is ever larger than this much traffic.
    private static readonly TimeSpan BucketWindow = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    private readonly ActivityGenerator _generator;
    private readonly GeneratorOptions _options;
    private readonly TimeProvider _time;
    private readonly Channel<GeneratedRecord[]> _channel = Channel.CreateBounded<GeneratedRecord[]>(
        new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });

    public RecordPump(ActivityGenerator generator, GeneratorOptions options, TimeProvider time)
    {
        _generator = generator;
        _options = options;
        _time = time;
    }

    /// <summary>Chunks of records in generation order; completes when the run's limit or cancellation is reached.</summary>
    public ChannelReader<GeneratedRecord[]> Records => _channel.Reader;

    /// <summary>Starts generating; the limits are measured from <paramref name="startedTimestamp"/>.</summary>
    public Task RunAsync(long startedTimestamp, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            try
            {
                await PumpAsync(startedTimestamp, cancellationToken).ConfigureAwait(false);
                _channel.Writer.TryComplete();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _channel.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                // Surfaces in the reader, so the producing loop fails with the generator's exception.
                _channel.Writer.TryComplete(ex);
            }
        }, CancellationToken.None);

    private async Task PumpAsync(long startedTimestamp, CancellationToken cancellationToken)
    {
        var bucket = _options.Rate > 0 ? TokenBucket.ForRate(_options.Rate, BucketWindow, _time) : null;
        var generated = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            var remaining = _options.Count is { } count ? count - generated : long.MaxValue;
            if (remaining <= 0 || (_options.Duration is { } duration && _time.GetElapsedTime(startedTimestamp) >= duration))
            {
                return;
            }

            var wanted = Math.Min(MaxChunk, remaining);
            var size = bucket?.TryTake(wanted) ?? wanted;
            if (size == 0)
            {
                // Wait for a couple of milliseconds' worth of tokens rather than one: timers are ~1 ms coarse.
                var wait = bucket!.TimeUntil(Math.Max(1, _options.Rate * 0.002));
                await Task.Delay(wait > MinimumWait ? wait : MinimumWait, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var chunk = new GeneratedRecord[size];
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = _generator.Next();
            }

            generated += size;
            await _channel.Writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }
}
