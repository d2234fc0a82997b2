namespace Aggregator.Cli;

/// <summary><c>aggregator topology</c>: prints topology.md (or the plain description) for the configured topology.</summary>
internal static class TopologyCommand
{
    public static int Execute(string format, IReadOnlyList<string> overrides)
    {
        var (topology, settings, applicationId) = ConfiguredTopology.From(AppConfiguration.Build(overrides));
        Console.Out.Write(format switch
        {
            "text" => topology.Describe(applicationId).ToText(),
            "mermaid" => topology.Describe(applicationId).ToMermaid(),
            _ => Topology.TopologyDocument.Render(topology, settings, applicationId),
        });
        return ExitCodes.Ok;
    }
}
