using Aggregator.Streams.Dsl;
using Aggregator.Streams.Processors;
using Aggregator.Streams.State;
using Aggregator.Streams.Testing;
using S = Aggregator.Streams.Serdes.Serdes;

namespace Aggregator.Streams.Tests.Processors;

public sealed class PunctuationTests
{
    private sealed class TickRecorder(List<string> ticks) : IProcessor<string, string, string, long>
    {
        private IProcessorContext<string, long> _context = null!;
        private IKeyValueStore<string, long> _store = null!;

        public void Init(IProcessorContext<string, long> context)
        {
            _context = context;
            _store = context.GetStateStore<IKeyValueStore<string, long>>("seen");
            context.Schedule(TimeSpan.FromMinutes(1), PunctuationType.StreamTime, time =>
            {
                ticks.Add($"stream@{time}");
                _context.Forward(new Record<string, long>("stream", _store.All().Count(), time));
            });
            context.Schedule(TimeSpan.FromSeconds(10), PunctuationType.WallClockTime, time => ticks.Add($"wall@{time}"));
        }

        public void Process(Record<string, string> record) => _store.Put(record.Key, 1);
    }

    [Fact]
    public void StreamTimePunctuator_FiresOncePerAdvance_WallClockPunctuator_FiresOnTheClock()
    {
        var ticks = new List<string>();
        var builder = new StreamsBuilder();
        builder.AddStateStore(Stores.KeyValue("seen", S.String, S.Long));
        builder.Stream("in", Consumed<string, string>.With(S.String, S.String))
            .Process(() => new TickRecorder(ticks), "recorder", "seen")
            .To("ticks", Produced<string, long>.With(S.String, S.Long));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("in", S.String, S.String);
        var start = driver.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

        input.PipeInput("a", "x", 30_000);   // first record: fires at 30 000, next tick 60 000
        input.PipeInput("b", "x", 59_999);   // not yet
        input.PipeInput("c", "x", 200_000);  // jumps three intervals: fires once
        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(9));
        driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));

        Assert.Equal(["stream@30000", "stream@200000", $"wall@{start + 10_000}"], ticks);
        Assert.Equal([1L, 3L], driver.CreateOutputTopic("ticks", S.String, S.Long).ReadRecordsToList().Select(r => r.Value));
    }
}
