using Aggregator.Demo;
using Aggregator.Hosting.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Aggregator.Cli;

/// <summary>The generator talks to the same cluster as the worker: give it the <c>Kafka</c> section's security settings.</summary>
internal static class GeneratorKafkaSettings
{
    public static OptionsBuilder<GeneratorOptions> WithKafkaSecurity(this OptionsBuilder<GeneratorOptions> builder, IConfiguration configuration) =>
        builder.PostConfigure(options =>
        {
            var kafka = new KafkaOptions();
            configuration.GetSection(KafkaOptions.SectionName).Bind(kafka);
            options.KafkaClientSettings = kafka.ClientSettings();
        });
}
