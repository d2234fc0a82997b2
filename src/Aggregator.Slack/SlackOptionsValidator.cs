using Microsoft.Extensions.Options;

namespace Aggregator.Slack;

/// <summary>Source-generated validation of <see cref="SlackOptions"/>' data annotations (no reflection).</summary>
[OptionsValidator]
internal sealed partial class SlackOptionsValidator : IValidateOptions<SlackOptions>;
