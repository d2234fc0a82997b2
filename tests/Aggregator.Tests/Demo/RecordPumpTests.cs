using Aggregator.Demo;

namespace Aggregator.Tests.Demo;

public class RecordPumpTests
{
    [Fact]
    public async Task HandsOverExactlyTheCount_InGenerationOrder_ThenCompletes()
    {
        var options = new GeneratorOptions { Rate = 0, Count = 2500 };
        var (generator, _) = GeneratorFixture.Create(options, 3);
        var (twin, _) = GeneratorFixture.Create(options, 3);
        var pump = new RecordPump(generator, options, TimeProvider.System);

        var running = pump.RunAsync(TimeProvider.System.GetTimestamp(), CancellationToken.None);
        var chunks = new List<GeneratedRecord[]>();
        await foreach (var chunk in pump.Records.ReadAllAsync())
        {
            chunks.Add(chunk);
        }

        await running.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([1000, 1000, 500], chunks.Select(c => c.Length));
        Assert.Equal(twin.Take(2500).Select(r => r.Value), chunks.SelectMany(c => c).Select(r => r.Value));
    }

    [Fact]
    public async Task StopsOnCancellation_AndCompletesTheChannel()
    {
        var options = new GeneratorOptions { Rate = 1000 };
        var (generator, _) = GeneratorFixture.Create(options, 3);
        var pump = new RecordPump(generator, options, TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var running = pump.RunAsync(TimeProvider.System.GetTimestamp(), cts.Token);
        var total = 0;
        await foreach (var chunk in pump.Records.ReadAllAsync())
        {
            total += chunk.Length;
        }

        await running.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.InRange(total, 1, 400);
    }

    [Fact]
    public async Task StopsAfterTheDuration()
    {
        var options = new GeneratorOptions { Rate = 2000, Duration = TimeSpan.FromMilliseconds(500) };
        var (generator, _) = GeneratorFixture.Create(options, 3);
        var pump = new RecordPump(generator, options, TimeProvider.System);

        var running = pump.RunAsync(TimeProvider.System.GetTimestamp(), CancellationToken.None);
        var total = 0;
        await foreach (var chunk in pump.Records.ReadAllAsync())
        {
            total += chunk.Length;
        }

        await running.WaitAsync(TimeSpan.FromSeconds(5));
        // At most the rate times the duration plus one 50 ms bucket; fewer when the machine is busy.
        Assert.InRange(total, 1, 1100);
    }
}
