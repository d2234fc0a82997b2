using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Aggregator.Tests.Hosting.Metrics;

/// <summary>One parsed sample line.</summary>
internal sealed record ExpositionSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Key => Name + "{" + string.Join(",", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
}

/// <summary>One parsed metric family.</summary>
internal sealed record ExpositionFamily(string Name, string Type, string? Help, List<ExpositionSample> Samples);

/// <summary>
/// A deliberately strict parser of the Prometheus text format 0.0.4, written from the format description (not
/// from the writer): it throws <see cref="FormatException"/> on anything Prometheus would reject, and on the
/// looseness the format tolerates but our writer never produces (blank lines, comments, trailing commas).
/// </summary>
internal sealed partial class Exposition
{
    private const string Name = "[a-zA-Z_:][a-zA-Z0-9_:]*";

    private Exposition(List<ExpositionFamily> families) => Families = families;

    public IReadOnlyList<ExpositionFamily> Families { get; }

    public IEnumerable<ExpositionSample> Samples => Families.SelectMany(f => f.Samples);

    public ExpositionFamily Family(string name) =>
        Families.SingleOrDefault(f => f.Name == name) ?? throw new KeyNotFoundException($"no family {name}; have {string.Join(", ", Families.Select(f => f.Name))}");

    public bool HasFamily(string name) => Families.Any(f => f.Name == name);

    /// <summary>The value of the sample with exactly these labels.</summary>
    public double Value(string name, params (string Name, string Value)[] labels) =>
        Find(name, labels)?.Value ?? throw new KeyNotFoundException($"no sample {name} with [{string.Join(",", labels)}]; have:\n{string.Join("\n", Samples.Select(s => s.Key))}");

    public bool Has(string name, params (string Name, string Value)[] labels) => Find(name, labels) is not null;

    public static Exposition Parse(string text)
    {
        if (text.Length > 0 && text[^1] != '\n')
        {
            throw new FormatException("the exposition must end with a line feed");
        }

        if (text.Contains('\r'))
        {
            throw new FormatException("carriage return in the exposition");
        }

        var families = new List<ExpositionFamily>();
        ExpositionFamily? current = null;
        string? pendingHelp = null;
        string? pendingHelpName = null;
        var seen = new HashSet<string>();
        var lines = text.Length == 0 ? [] : text[..^1].Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            try
            {
                if (line.StartsWith("# HELP ", StringComparison.Ordinal))
                {
                    var match = HelpLine().Match(line);
                    if (!match.Success)
                    {
                        throw new FormatException("malformed HELP");
                    }

                    var name = match.Groups[1].Value;
                    if (current is { Help: null, Samples.Count: 0 } && current.Name == name)
                    {
                        // HELP may also follow its TYPE (OpenTelemetry's exporter writes it there), but not a sample.
                        families[^1] = current = current with { Help = Unescape(match.Groups[2].Value, quotes: false) };
                        continue;
                    }

                    if (pendingHelpName is not null || families.Any(f => f.Name == name))
                    {
                        throw new FormatException($"HELP for {name} after its samples or twice");
                    }

                    pendingHelpName = name;
                    pendingHelp = Unescape(match.Groups[2].Value, quotes: false);
                }
                else if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
                {
                    var match = TypeLine().Match(line);
                    if (!match.Success)
                    {
                        throw new FormatException("malformed TYPE");
                    }

                    var name = match.Groups[1].Value;
                    if (families.Any(f => f.Name == name))
                    {
                        throw new FormatException($"second TYPE for {name}");
                    }

                    if (pendingHelpName is not null && pendingHelpName != name)
                    {
                        throw new FormatException($"HELP for {pendingHelpName} followed by TYPE for {name}");
                    }

                    if (current is not null)
                    {
                        CheckFamily(current);
                    }

                    current = new ExpositionFamily(name, match.Groups[2].Value, pendingHelp, []);
                    families.Add(current);
                    pendingHelp = pendingHelpName = null;
                }
                else if (line.StartsWith('#') || line.Length == 0)
                {
                    throw new FormatException("unexpected comment or blank line");
                }
                else
                {
                    if (current is null || pendingHelpName is not null)
                    {
                        throw new FormatException("sample before its TYPE");
                    }

                    var sample = ParseSample(line);
                    if (!BelongsTo(sample.Name, current))
                    {
                        throw new FormatException($"sample {sample.Name} outside its family (current: {current.Name} {current.Type})");
                    }

                    if (!seen.Add(sample.Key))
                    {
                        throw new FormatException($"duplicate series {sample.Key}");
                    }

                    current.Samples.Add(sample);
                }
            }
            catch (FormatException e)
            {
                throw new FormatException($"line {i + 1} '{line}': {e.Message}", e);
            }
        }

        if (pendingHelpName is not null)
        {
            throw new FormatException($"HELP for {pendingHelpName} without TYPE");
        }

        if (current is not null)
        {
            CheckFamily(current);
        }

        return new Exposition(families);
    }

    private ExpositionSample? Find(string name, (string Name, string Value)[] labels) =>
        Samples.SingleOrDefault(s => s.Name == name && s.Labels.Count == labels.Length && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value));

    private static bool BelongsTo(string sampleName, ExpositionFamily family) => family.Type == "histogram"
        ? sampleName == family.Name + "_bucket" || sampleName == family.Name + "_sum" || sampleName == family.Name + "_count"
        : sampleName == family.Name;

    private static ExpositionSample ParseSample(string line)
    {
        var match = SampleLine().Match(line);
        if (!match.Success)
        {
            throw new FormatException("malformed sample");
        }

        var labels = new Dictionary<string, string>();
        var body = match.Groups[2].Success ? match.Groups[2].Value : "";
        var position = 0;
        while (position < body.Length)
        {
            var label = LabelPair().Match(body, position);
            if (!label.Success || label.Index != position)
            {
                throw new FormatException($"malformed label at '{body[position..]}'");
            }

            if (!labels.TryAdd(label.Groups[1].Value, Unescape(label.Groups[2].Value, quotes: true)))
            {
                throw new FormatException($"label {label.Groups[1].Value} twice");
            }

            position += label.Length;
            if (position < body.Length)
            {
                if (body[position] != ',' || position == body.Length - 1)
                {
                    throw new FormatException("labels must be separated by single commas, without a trailing one");
                }

                position++;
            }
        }

        if (match.Groups[2].Success && labels.Count == 0)
        {
            throw new FormatException("empty braces");
        }

        return new ExpositionSample(match.Groups[1].Value, labels, ParseValue(match.Groups[3].Value));
    }

    public static double ParseValue(string text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ when FloatValue().IsMatch(text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => throw new FormatException($"malformed value '{text}'"),
    };

    private static string Unescape(string text, bool quotes)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (quotes && text[i] == '"'))
            {
                throw new FormatException("unescaped line feed or quote");
            }

            if (text[i] != '\\')
            {
                builder.Append(text[i]);
                continue;
            }

            if (++i == text.Length)
            {
                throw new FormatException("dangling backslash");
            }

            builder.Append(text[i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                '"' when quotes => '"',
                _ => throw new FormatException($"invalid escape \\{text[i]}"),
            });
        }

        return builder.ToString();
    }

    private static void CheckFamily(ExpositionFamily family)
    {
        if (family.Samples.Count == 0)
        {
            throw new FormatException($"family {family.Name} without samples");
        }

        if (family.Samples.Any(s => s.Labels.ContainsKey("le") && s.Name != family.Name + "_bucket"))
        {
            throw new FormatException($"le label outside buckets in {family.Name}");
        }

        if (family.Type == "counter" && family.Samples.Any(s => s.Value < 0))
        {
            throw new FormatException($"negative counter {family.Name}");
        }

        if (family.Type == "histogram")
        {
            CheckHistogram(family);
        }
    }

    private static void CheckHistogram(ExpositionFamily family)
    {
        string SeriesKey(ExpositionSample s) => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        foreach (var series in family.Samples.GroupBy(SeriesKey))
        {
            var buckets = series.Where(s => s.Name == family.Name + "_bucket").ToList();
            if (buckets.Count == 0 || buckets.Any(b => !b.Labels.ContainsKey("le")))
            {
                throw new FormatException($"{family.Name}{{{series.Key}}}: buckets missing or without le");
            }

            var bounds = buckets.Select(b => ParseValue(b.Labels["le"])).ToList();
            for (var i = 1; i < buckets.Count; i++)
            {
                if (!(bounds[i] > bounds[i - 1]) || buckets[i].Value < buckets[i - 1].Value)
                {
                    throw new FormatException($"{family.Name}{{{series.Key}}}: buckets not ascending or not cumulative");
                }
            }

            if (!double.IsPositiveInfinity(bounds[^1]))
            {
                throw new FormatException($"{family.Name}{{{series.Key}}}: no +Inf bucket");
            }

            var count = series.SingleOrDefault(s => s.Name == family.Name + "_count") ?? throw new FormatException($"{family.Name}{{{series.Key}}}: no _count");
            _ = series.SingleOrDefault(s => s.Name == family.Name + "_sum") ?? throw new FormatException($"{family.Name}{{{series.Key}}}: no _sum");
            if (count.Value != buckets[^1].Value)
            {
                throw new FormatException($"{family.Name}{{{series.Key}}}: _count {count.Value} != +Inf bucket {buckets[^1].Value}");
            }
        }
    }

    [GeneratedRegex("^# HELP (" + Name + ") (.*)$")]
    private static partial Regex HelpLine();

    [GeneratedRegex("^# TYPE (" + Name + ") (counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex("^(" + Name + ")(?:\\{(.*)\\})? (\\S+)$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\.)*)\"")]
    private static partial Regex LabelPair();

    [GeneratedRegex(@"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")]
    private static partial Regex FloatValue();
}
