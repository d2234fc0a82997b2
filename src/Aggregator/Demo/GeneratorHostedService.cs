using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aggregator.Demo;

/// <summary>
/// Runs the generator inside a host (the zero-setup demo): publishes the configured opt-outs, then produces
/// until the host stops or the configured duration/count is reached. Finishing early does not stop the host:
/// the pipeline keeps running on what was produced.
/// </summary>
internal sealed class GeneratorHostedService : BackgroundService
{
    private readonly GeneratorOptions _options;
    private readonly OptOutPublisher _optOuts;
    private readonly TrafficProducer _producer;

    public GeneratorHostedService(IOptions<GeneratorOptions> options, OptOutPublisher optOuts, TrafficProducer producer)
    {
        _options = options.Value;
        _optOuts = optOuts;
        _producer = producer;
    }

    /// <summary>The summary once the run has ended; null while it runs.</summary>
    public GeneratorSummary? Summary { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.PublishOptOuts && _options.OptedOutUsers.Count > 0)
        {
            await _optOuts.PublishAsync(_options.OptedOutUsers, stoppingToken);
        }

        Summary = await _producer.RunAsync(stoppingToken);
    }
}
