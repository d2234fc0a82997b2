namespace Aggregator.Streams.Runtime.Nodes;

/// <summary>Lets the built-in operators reach task internals (metrics, logger) that the public API hides.</summary>
internal interface IInternalProcessorContext
{
    TaskContext Task { get; }
}
