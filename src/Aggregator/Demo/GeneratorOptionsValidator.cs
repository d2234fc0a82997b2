using Microsoft.Extensions.Options;

namespace Aggregator.Demo;

/// <summary>Source-generated validation of <see cref="GeneratorOptions"/> (annotations plus its <c>Validate</c>).</summary>
[OptionsValidator]
internal sealed partial class GeneratorOptionsValidator : IValidateOptions<GeneratorOptions>;
