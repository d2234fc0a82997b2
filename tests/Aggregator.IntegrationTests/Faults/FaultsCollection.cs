namespace Aggregator.IntegrationTests.Faults;

/// <summary>
/// The fault tests run one after another: each starts its own cluster and worker processes, and on a small CI machine
/// several at once would turn CPU starvation into false failures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsCollection
{
    public const string Name = "faults";
}
