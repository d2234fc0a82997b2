using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aggregator.Alarms;

/// <summary>Threshold rules and built-in alarms. Bound from <c>Alarms</c>.</summary>
internal sealed class AlarmOptions : IValidatableObject
{
    public const string SectionName = "Alarms";

    /// <summary><c>Alarms:Rules</c>: the configured threshold rules.</summary>
    public IList<AlarmRuleOptions> Rules { get; } = new List<AlarmRuleOptions>();

    /// <summary><c>Alarms:Builtin</c>.</summary>
    [ValidateObjectMembers]
    public BuiltinAlarmOptions Builtin { get; set; } = new();

    /// <summary>
    /// The checks annotations cannot express, one line per problem naming the rule and field
    /// (<c>Alarms:Rules[2] (checkout-errors): Above must not be negative</c>); see <see cref="AlarmOptionsProblems"/>.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        AlarmOptionsProblems.Find(this).Select(problem => new ValidationResult(problem));
}

/// <summary>Source-generated validation of <see cref="AlarmOptions"/> (built-in annotations plus its <c>Validate</c>).</summary>
[OptionsValidator]
internal sealed partial class AlarmOptionsValidator : IValidateOptions<AlarmOptions>;
