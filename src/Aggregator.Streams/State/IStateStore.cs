namespace Aggregator.Streams.State;

/// <summary>A named state store owned by one task (or, for global stores, by the instance).</summary>
public interface IStateStore
{
    string Name { get; }
}
