using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Aggregator.Demo;

/// <summary>
/// Binds the <c>Generator</c> section onto <see cref="GeneratorOptions"/>.
/// </summary>
/// <remarks>
/// Hand-written instead of <c>ConfigurationBinder</c> because the binder only knows TimeSpan's own format and
/// fails on <c>5m</c> with a message naming a CLR type, and silently ignores misspelt keys. Here every problem
/// is reported at once, naming the key and what would be accepted, in the same form as validation failures.
/// </remarks>
internal static class GeneratorConfiguration
{
    private static readonly HashSet<string> KnownKeys = new(
        typeof(GeneratorOptions).GetProperties().Where(p => p.CanWrite || p.Name == nameof(GeneratorOptions.OptedOutUsers)).Select(p => p.Name),
        StringComparer.OrdinalIgnoreCase);

    public static void Bind(IConfiguration section, GeneratorOptions options)
    {
        var errors = new List<string>();
        foreach (var child in section.GetChildren())
        {
            if (!KnownKeys.Contains(child.Key))
            {
                errors.Add($"{Key(child.Key)} is not a generator setting (known: {string.Join(", ", KnownKeys.Order(StringComparer.Ordinal))}).");
            }
        }

        BindString(section, nameof(options.BootstrapServers), v => options.BootstrapServers = v);
        BindString(section, nameof(options.Topic), v => options.Topic = v);
        BindString(section, nameof(options.OptOutTopic), v => options.OptOutTopic = v);
        BindString(section, nameof(options.Compression), v => options.Compression = v);
        BindString(section, nameof(options.Format), v => options.Format = v);
        BindString(section, nameof(options.SchemaRegistryUrl), v => options.SchemaRegistryUrl = v);
        Bind<double>(section, nameof(options.Rate), TryDouble, v => options.Rate = v, "a number of events per second", errors);
        Bind<double>(section, nameof(options.Speed), TryDouble, v => options.Speed = v, "a number such as 10", errors);
        Bind<double>(section, nameof(options.MalformedRatio), TryDouble, v => options.MalformedRatio = v, "a fraction such as 0.005", errors);
        Bind<double>(section, nameof(options.DuplicateRatio), TryDouble, v => options.DuplicateRatio = v, "a fraction such as 0.01", errors);
        Bind<double>(section, nameof(options.AnomalyMultiplier), TryDouble, v => options.AnomalyMultiplier = v, "a number such as 50", errors);
        Bind<int>(section, nameof(options.Users), TryInt, v => options.Users = v, "a whole number", errors);
        Bind<int>(section, nameof(options.LingerMs), TryInt, v => options.LingerMs = v, "a whole number of milliseconds", errors);
        Bind<int>(section, nameof(options.Seed), TryInt, v => options.Seed = v, "a whole number", errors);
        Bind<long>(section, nameof(options.Count), TryLong, v => options.Count = v, "a whole number of events", errors);
        Bind<bool>(section, nameof(options.PublishOptOuts), bool.TryParse, v => options.PublishOptOuts = v, "true or false", errors);
        Bind<TimeSpan>(section, nameof(options.Duration), DurationParser.TryParse, v => options.Duration = v, DurationParser.Help, errors);
        Bind<TimeSpan>(section, nameof(options.ReplayLookback), DurationParser.TryParse, v => options.ReplayLookback = v, DurationParser.Help, errors);
        Bind<TimeSpan>(section, nameof(options.AnomalyAt), DurationParser.TryParse, v => options.AnomalyAt = v, DurationParser.Help, errors);
        Bind<TimeSpan>(section, nameof(options.AnomalyFor), DurationParser.TryParse, v => options.AnomalyFor = v, DurationParser.Help, errors);
        Bind<TimeSpan>(section, nameof(options.ProgressInterval), DurationParser.TryParse, v => options.ProgressInterval = v, DurationParser.Help, errors);
        Bind<TimeSpan>(section, nameof(options.DeliveryTimeout), DurationParser.TryParse, v => options.DeliveryTimeout = v, DurationParser.Help, errors);
        Bind<TimeSpan>(section, nameof(options.FlushTimeout), DurationParser.TryParse, v => options.FlushTimeout = v, DurationParser.Help, errors);
        BindUsers(section.GetSection(nameof(options.OptedOutUsers)), options.OptedOutUsers);

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(GeneratorOptions), errors);
        }
    }

    private delegate bool TryParser<T>(string text, out T value);

    private static void BindString(IConfiguration section, string key, Action<string> set)
    {
        if (section[key] is { } value)
        {
            set(value.Trim());
        }
    }

    private static void Bind<T>(IConfiguration section, string key, TryParser<T> parse, Action<T> set, string expected, List<string> errors)
    {
        // An empty value (e.g. an environment variable set to "") means "not set", so it can clear a default.
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (parse(text.Trim(), out var value))
        {
            set(value);
        }
        else
        {
            errors.Add($"{Key(key)}: '{text}' is not valid; expected {expected}.");
        }
    }

    private static void BindUsers(IConfigurationSection section, IList<string> users)
    {
        // Either an array (Generator:OptedOutUsers:0 = u-000001) or one comma-separated value (handy for flags).
        var values = section.Value is { } csv ? csv.Split(',') : section.GetChildren().Select(c => c.Value ?? string.Empty);
        foreach (var value in values.Select(v => v.Trim()).Where(v => v.Length > 0))
        {
            if (!users.Contains(value))
            {
                users.Add(value);
            }
        }
    }

    private static bool TryDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    private static bool TryLong(string text, out long value) =>
        long.TryParse(text, NumberStyles.Integer | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value);

    private static string Key(string key) => GeneratorOptions.SectionName + ":" + key;
}
