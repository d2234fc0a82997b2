using Microsoft.Extensions.Options;

namespace Aggregator.Hosting.Metrics;

/// <summary>Source-generated validation of <see cref="PrometheusMetricsOptions"/> (annotations plus its <c>Validate</c>).</summary>
[OptionsValidator]
internal sealed partial class PrometheusMetricsOptionsValidator : IValidateOptions<PrometheusMetricsOptions>;
