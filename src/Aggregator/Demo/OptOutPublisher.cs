using Aggregator.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aggregator.Demo;

/// <summary>
/// Publishes users' opt-outs as the privacy service would: key = userId, value <c>{"optedOut":true}</c> on
/// <see cref="GeneratorOptions.OptOutTopic"/>. Their activity keeps being generated; the pipeline must drop it.
/// </summary>
internal sealed class OptOutPublisher
{
    /// <summary>The value of an opt-out record.</summary>
    public static ReadOnlyMemory<byte> OptedOutValue { get; } = "{\"optedOut\":true}"u8.ToArray();

    private readonly GeneratorOptions _options;
    private readonly ILogger<OptOutPublisher> _logger;

    public OptOutPublisher(IOptions<GeneratorOptions> options, ILogger<OptOutPublisher> logger)
    {
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Publishes one record per distinct user id and waits for every acknowledgement; returns how many.</summary>
    /// <exception cref="ProduceException{TKey, TValue}">A record could not be delivered.</exception>
    public async Task<int> PublishAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var users = userIds.Select(u => u.Trim()).Where(u => u.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (users.Count == 0)
        {
            return 0;
        }

        BundledLibrdkafka.EnsureLoaded();
        var config = GeneratorProducerConfig.WithClientSettings(new ProducerConfig
        {
            BootstrapServers = _options.BootstrapServers,
            ClientId = "aggregator-generator-optouts",
            // Unlike activity, an opt-out must not be lost: wait for all in-sync replicas.
            Acks = Acks.All,
            MessageTimeoutMs = 30_000,
        }, _options);
        using var producer = new ProducerBuilder<string, byte[]>(config).Build();
        var value = OptedOutValue.ToArray();
        await Task.WhenAll(users.Select(user =>
            producer.ProduceAsync(_options.OptOutTopic, new Message<string, byte[]> { Key = user, Value = value }, cancellationToken)));
        Log.OptOutsPublished(_logger, users.Count, _options.OptOutTopic);
        return users.Count;
    }
}
