namespace Aggregator.Cli;

/// <summary><c>aggregator topology</c>: prints topology.md (or Streamiz's plain description) for the configured topology.</summary>
internal static class TopologyCommand
{
    public static int Execute(string format, IReadOnlyList<string> overrides)
    {
        var configured = ConfiguredTopology.From(AppConfiguration.Build(overrides));
        Console.Out.Write(format switch
        {
            "text" => configured.Topology.Describe().ToString(),
            "mermaid" => Topology.TopologyMermaid.Render(configured.Topology.Describe(), configured.ApplicationId),
            _ => Topology.TopologyDocument.Render(configured),
        });
        return ExitCodes.Ok;
    }
}
