using System.Text.Json;
using System.Text.RegularExpressions;

namespace Aggregator.IntegrationTests.Operations;

internal sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    /// <summary>The JSON (exec) form's elements; fails for the shell form.</summary>
    public IReadOnlyList<string> ExecForm(string? after = null)
    {
        var text = after is null ? Arguments : Arguments[(Arguments.IndexOf(after, StringComparison.Ordinal) + after.Length)..];
        return JsonSerializer.Deserialize<string[]>(text.Trim()) ?? throw new Xunit.Sdk.XunitException($"line {Line}: not an exec form: {Arguments}");
    }

    public override string ToString() => $"{Keyword} {Arguments} (line {Line})";
}

internal sealed record DockerStage(string? Name, string From, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    public DockerInstruction Single(string keyword) =>
        Assert.Single(Instructions, i => i.Keyword == keyword);

    /// <summary>The packages named by apt-get install in this stage's RUN instructions.</summary>
    public IReadOnlyList<string> AptPackages() =>
        All("RUN").SelectMany(r => Regex.Matches(r.Arguments, @"apt-get install (?<args>[^&;|]*)").Select(m => m.Groups["args"].Value))
            .SelectMany(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(a => !a.StartsWith('-'))
            .ToList();
}

/// <summary>A Dockerfile split into stages and instructions (continuation lines joined, comments dropped).</summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerInstruction> global, IReadOnlyList<DockerStage> stages)
    {
        Global = global;
        Stages = stages;
    }

    /// <summary>Instructions before the first FROM (ARG).</summary>
    public IReadOnlyList<DockerInstruction> Global { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage Final => Stages[^1];

    public DockerStage Stage(string name) => Assert.Single(Stages, s => s.Name == name);

    public static Dockerfile Load(string path = "Dockerfile")
    {
        var instructions = new List<DockerInstruction>();
        var lines = RepoPaths.ReadText(path).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var start = i + 1;
            var text = line;
            while (text.EndsWith('\\') && i + 1 < lines.Length)
            {
                text = text[..^1];
                var next = lines[++i].TrimEnd('\r').Trim();
                if (!next.StartsWith('#'))
                {
                    text += " " + next;
                }
            }

            var space = text.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add(new DockerInstruction(text[..space].ToUpperInvariant(), Regex.Replace(text[(space + 1)..].Trim(), @"\s+", " "), start));
        }

        var global = instructions.TakeWhile(i => i.Keyword != "FROM").ToList();
        var stages = new List<DockerStage>();
        foreach (var from in instructions.Where(i => i.Keyword == "FROM"))
        {
            var body = instructions.SkipWhile(i => i != from).Skip(1).TakeWhile(i => i.Keyword != "FROM").ToList();
            var parts = from.Arguments.Split(' ');
            var name = parts.Length >= 3 && parts[^2].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[^1] : null;
            stages.Add(new DockerStage(name, ResolveArg(parts[0], global), body));
        }

        return new Dockerfile(global, stages);
    }

    /// <summary>${NAME} in a FROM line, from the default of a global ARG.</summary>
    private static string ResolveArg(string image, IReadOnlyList<DockerInstruction> global) =>
        Regex.Replace(image, @"\$\{(\w+)\}", m =>
            global.Where(g => g.Keyword == "ARG")
                .Select(g => g.Arguments.Split('=', 2))
                .Where(kv => kv[0] == m.Groups[1].Value && kv.Length == 2)
                .Select(kv => kv[1])
                .SingleOrDefault() ?? m.Value);
}

/// <summary>
/// .dockerignore as the Docker CLI applies it: patterns in order, the last one matching the path or any of
/// its parent directories decides, '!' re-includes, '**' spans directories.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Include)> _rules;

    private DockerIgnore(List<(Regex, bool)> rules) => _rules = rules;

    public static DockerIgnore Load(string path = ".dockerignore") =>
        new(RepoPaths.ReadText(path).Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.StartsWith('!') ? (ToRegex(l[1..]), true) : (ToRegex(l), false))
            .ToList());

    /// <summary>Whether a '/'-separated path relative to the context root is sent to the builder.</summary>
    public bool Includes(string path)
    {
        var included = true;
        var candidates = ParentsAndSelf(path).ToList();
        foreach (var (pattern, include) in _rules)
        {
            if (candidates.Any(pattern.IsMatch))
            {
                included = include;
            }
        }

        return included;
    }

    private static IEnumerable<string> ParentsAndSelf(string path)
    {
        var parts = path.Split('/');
        for (var i = 1; i <= parts.Length; i++)
        {
            yield return string.Join('/', parts[..i]);
        }
    }

    private static Regex ToRegex(string glob)
    {
        var clean = glob.Trim('/');
        var pattern = Regex.Escape(clean)
            .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
            .Replace(@"\*\*", ".*", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal);
        return new Regex("^" + pattern + "$", RegexOptions.CultureInvariant);
    }
}
