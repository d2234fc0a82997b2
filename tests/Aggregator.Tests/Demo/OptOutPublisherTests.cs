using System.Text;
using Aggregator.Demo;
using Aggregator.Tests.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aggregator.Tests.Demo;

[Collection(EmbeddedKafkaCollection.Name)]
public class OptOutPublisherTests
{
    private readonly EmbeddedKafkaFixture _kafka;

    public OptOutPublisherTests(EmbeddedKafkaFixture kafka) => _kafka = kafka;

    [Fact]
    public async Task PublishesOneOptOutRecordPerDistinctUser()
    {
        var topic = _kafka.NewTopic("privacy.optouts");
        var options = new GeneratorOptions { BootstrapServers = _kafka.BootstrapServers, OptOutTopic = topic };
        var publisher = new OptOutPublisher(Options.Create(options), new ListLogger<OptOutPublisher>());

        var count = await publisher.PublishAsync(["u-000001", "u-000042", "u-000001", " "], CancellationToken.None);
        var records = _kafka.ConsumeAll(topic, 2, TimeSpan.FromSeconds(20));

        Assert.Equal(2, count);
        Assert.Equal(["u-000001", "u-000042"], records.Select(r => Encoding.UTF8.GetString(r.Message.Key!)).Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.Equal("{\"optedOut\":true}", Encoding.UTF8.GetString(r.Message.Value)));
    }

    [Fact]
    public async Task NoUsers_PublishesNothing_AndNeedsNoBroker()
    {
        var options = new GeneratorOptions { BootstrapServers = "127.0.0.1:1" };
        var publisher = new OptOutPublisher(Options.Create(options), new ListLogger<OptOutPublisher>());

        Assert.Equal(0, await publisher.PublishAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task HostedGenerator_PublishesOptOuts_ThenProducesTheConfiguredCount()
    {
        var rawTopic = _kafka.NewTopic("activity.raw");
        var optOutTopic = _kafka.NewTopic("privacy.optouts");
        var settings = new Dictionary<string, string?>
        {
            ["Generator:Topic"] = rawTopic,
            ["Generator:OptOutTopic"] = optOutTopic,
            ["Generator:Count"] = "3000",
            ["Generator:Rate"] = "0",
            ["Generator:Users"] = "100",
            ["Generator:OptedOutUsers"] = "u-000003,u-000007",
            ["Generator:Seed"] = "7", // which users appear is random; a fixed seed makes the check below repeatable
        };
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddTrafficGenerator(builder.Configuration).PostConfigure(o => o.BootstrapServers = _kafka.BootstrapServers);
        builder.Services.AddTrafficGeneratorHostedService();
        using var host = builder.Build();

        await host.StartAsync();
        var service = host.Services.GetServices<IHostedService>().OfType<GeneratorHostedService>().Single();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (service.Summary is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await host.StopAsync();

        Assert.NotNull(service.Summary);
        Assert.Equal(3000, service.Summary.Delivered);
        Assert.Equal(2, _kafka.ConsumeAll(optOutTopic, 2, TimeSpan.FromSeconds(20)).Count);
        var raw = _kafka.ConsumeAll(rawTopic, 3000, TimeSpan.FromSeconds(20));
        Assert.Equal(3000, raw.Count);
        // Opted-out users still generate activity: the worker, not the generator, must drop it.
        Assert.Contains(raw, r => r.Message.Key is { } key && Encoding.UTF8.GetString(key) is "u-000003" or "u-000007");
    }
}
