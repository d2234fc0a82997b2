using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Aggregator.IntegrationTests.Operations;

/// <summary>
/// docker-compose.yml as Compose reads it: anchors and merge keys (&lt;&lt;) resolved, both short and long
/// syntaxes of environment, ports, volumes, secrets and depends_on, and ${VAR:-default} interpolated with an
/// empty environment (what `docker compose up` sees when nothing is set in the shell).
/// </summary>
internal sealed partial class ComposeFile
{
    private ComposeFile(YamlMappingNode root)
    {
        Root = root;
        Services = Mapping(root, "services")?.Children.ToDictionary(
            e => Scalar(e.Key),
            e => new ComposeService(Scalar(e.Key), (YamlMappingNode)e.Value),
            StringComparer.Ordinal) ?? [];
        SecretFiles = Mapping(root, "secrets")?.Children.ToDictionary(
            e => Scalar(e.Key),
            e => Text(e.Value, "file") is { } file ? Interpolate(file) : null,
            StringComparer.Ordinal) ?? [];
        ConfigFiles = Mapping(root, "configs")?.Children.ToDictionary(
            e => Scalar(e.Key),
            e => Text(e.Value, "file"),
            StringComparer.Ordinal) ?? [];
        NamedVolumes = Mapping(root, "volumes")?.Children.Select(e => Scalar(e.Key)).ToHashSet(StringComparer.Ordinal) ?? [];
    }

    public YamlMappingNode Root { get; }

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    /// <summary>Top-level secrets: name → file (relative to the repository root), null when not file-based.</summary>
    public IReadOnlyDictionary<string, string?> SecretFiles { get; }

    /// <summary>Top-level configs: name → file, null when not file-based.</summary>
    public IReadOnlyDictionary<string, string?> ConfigFiles { get; }

    public IReadOnlySet<string> NamedVolumes { get; }

    public static ComposeFile Load(string path = "docker-compose.yml")
    {
        using var reader = new StringReader(RepoPaths.ReadText(path));
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        return new ComposeFile((YamlMappingNode)stream.Documents.Single().RootNode);
    }

    public ComposeService Service(string name) =>
        Services.TryGetValue(name, out var service) ? service : throw new Xunit.Sdk.XunitException($"docker-compose.yml has no service '{name}'.");

    /// <summary>Services running a Kafka broker (they set KAFKA_PROCESS_ROLES), grouped by CLUSTER_ID.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ComposeService>> KafkaClusters() =>
        Services.Values
            .Where(s => s.Environment.ContainsKey("KAFKA_PROCESS_ROLES"))
            .GroupBy(s => s.Env("CLUSTER_ID"), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ComposeService>)g.OrderBy(s => s.Name, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

    /// <summary>Compose interpolation with an empty environment: ${X:-d} and ${X-d} give d, ${X} and $X give "", $$ gives $.</summary>
    public static string Interpolate(string value) =>
        InterpolationPattern().Replace(value, m => m.Value == "$$" ? "$" : m.Groups["default"].Value);

    internal static string Scalar(YamlNode node) =>
        node is YamlScalarNode scalar ? scalar.Value ?? string.Empty : throw new InvalidOperationException($"Expected a scalar at {node.Start}.");

    internal static YamlMappingNode? Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    internal static YamlNode? Child(YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    internal static string? Text(YamlNode node, string key) => Child(node, key) is YamlScalarNode s ? s.Value : null;

    [GeneratedRegex(@"\$\$|\$\{(?<name>\w+)(?::?-(?<default>[^}]*))?\}|\$(?<bare>\w+)")]
    private static partial Regex InterpolationPattern();
}

internal sealed record PortMapping(string? HostIp, int? HostPort, int ContainerPort);

internal sealed record VolumeMount(string Type, string? Source, string Target, bool ReadOnly);

internal sealed class ComposeService
{
    public ComposeService(string name, YamlMappingNode node)
    {
        Name = name;
        Node = node;
        Environment = ReadEnvironment(ComposeFile.Child(node, "environment"));
        Profiles = Strings(ComposeFile.Child(node, "profiles"));
        Command = Strings(ComposeFile.Child(node, "command"));
        Ports = (ComposeFile.Child(node, "ports") as YamlSequenceNode)?.Select(ReadPort).ToList() ?? [];
        Volumes = (ComposeFile.Child(node, "volumes") as YamlSequenceNode)?.Select(ReadVolume).ToList() ?? [];
        Secrets = (ComposeFile.Child(node, "secrets") as YamlSequenceNode)?
            .Select(s => s is YamlScalarNode n ? n.Value! : ComposeFile.Text(s, "source")!).ToList() ?? [];
        DependsOn = ReadDependsOn(ComposeFile.Child(node, "depends_on"));
    }

    public string Name { get; }

    public YamlMappingNode Node { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public IReadOnlyList<string> Profiles { get; }

    public IReadOnlyList<string> Command { get; }

    public IReadOnlyList<PortMapping> Ports { get; }

    public IReadOnlyList<VolumeMount> Volumes { get; }

    public IReadOnlyList<string> Secrets { get; }

    /// <summary>Service → condition (service_started for the short syntax).</summary>
    public IReadOnlyDictionary<string, string> DependsOn { get; }

    public string? Image => ComposeFile.Text(Node, "image");

    public string? Hostname => ComposeFile.Text(Node, "hostname");

    public string? BuildContext => ComposeFile.Child(Node, "build") switch
    {
        YamlScalarNode s => s.Value,
        YamlMappingNode m => ComposeFile.Text(m, "context"),
        _ => null,
    };

    public string? BuildDockerfile => ComposeFile.Child(Node, "build") is YamlMappingNode m ? ComposeFile.Text(m, "dockerfile") ?? "Dockerfile" : null;

    public int? Replicas => ComposeFile.Child(Node, "deploy") is YamlMappingNode d && ComposeFile.Text(d, "replicas") is { } r ? int.Parse(r) : null;

    public YamlNode? Healthcheck => ComposeFile.Child(Node, "healthcheck");

    public string Env(string key) =>
        Environment.TryGetValue(key, out var value) ? value : throw new Xunit.Sdk.XunitException($"Service '{Name}' does not set {key}.");

    /// <summary>The value following a flag in the command ("--rate", "200" → "200").</summary>
    public string? Argument(string flag)
    {
        var i = Command.ToList().IndexOf(flag);
        return i >= 0 && i + 1 < Command.Count ? Command[i + 1] : null;
    }

    public override string ToString() => Name;

    private static Dictionary<string, string> ReadEnvironment(YamlNode? node)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    env[ComposeFile.Scalar(key)] = ComposeFile.Interpolate(value is YamlScalarNode s ? s.Value ?? string.Empty : string.Empty);
                }

                break;
            case YamlSequenceNode list:
                foreach (var item in list)
                {
                    var text = ComposeFile.Scalar(item);
                    var eq = text.IndexOf('=', StringComparison.Ordinal);
                    env[eq < 0 ? text : text[..eq]] = eq < 0 ? string.Empty : ComposeFile.Interpolate(text[(eq + 1)..]);
                }

                break;
        }

        return env;
    }

    private static List<string> Strings(YamlNode? node) => node switch
    {
        YamlSequenceNode list => list.Select(ComposeFile.Scalar).ToList(),
        YamlScalarNode s => (s.Value ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList(),
        _ => [],
    };

    private static PortMapping ReadPort(YamlNode node)
    {
        if (node is YamlMappingNode map)
        {
            return new PortMapping(
                ComposeFile.Text(map, "host_ip"),
                ComposeFile.Text(map, "published") is { } p ? int.Parse(p) : null,
                int.Parse(ComposeFile.Text(map, "target")!));
        }

        var text = ComposeFile.Scalar(node).Split('/')[0];
        var parts = text.Split(':');
        return parts.Length switch
        {
            1 => new PortMapping(null, null, int.Parse(parts[0])),
            2 => new PortMapping(null, int.Parse(parts[0]), int.Parse(parts[1])),
            3 => new PortMapping(parts[0], int.Parse(parts[1]), int.Parse(parts[2])),
            _ => throw new Xunit.Sdk.XunitException($"Cannot read port mapping '{text}'."),
        };
    }

    private static VolumeMount ReadVolume(YamlNode node)
    {
        if (node is YamlMappingNode map)
        {
            return new VolumeMount(
                ComposeFile.Text(map, "type") ?? "volume",
                ComposeFile.Text(map, "source"),
                ComposeFile.Text(map, "target")!,
                ComposeFile.Text(map, "read_only") == "true");
        }

        var parts = ComposeFile.Scalar(node).Split(':');
        if (parts.Length == 1)
        {
            return new VolumeMount("volume", null, parts[0], false);
        }

        var source = parts[0];
        var type = source.StartsWith('.') || source.StartsWith('/') || source.StartsWith('~') ? "bind" : "volume";
        return new VolumeMount(type, source, parts[1], parts.Length > 2 && parts[2].Split(',').Contains("ro"));
    }

    private static Dictionary<string, string> ReadDependsOn(YamlNode? node) => node switch
    {
        YamlSequenceNode list => list.Select(ComposeFile.Scalar).ToDictionary(n => n, _ => "service_started", StringComparer.Ordinal),
        YamlMappingNode map => map.Children.ToDictionary(
            e => ComposeFile.Scalar(e.Key),
            e => ComposeFile.Text(e.Value, "condition") ?? "service_started",
            StringComparer.Ordinal),
        _ => new Dictionary<string, string>(StringComparer.Ordinal),
    };
}
