using Aggregator.Streams.Processors;

namespace Aggregator.Streams.State.Internal;

/// <summary>Where a kind of store keeps committed state for the tasks of one instance.</summary>
internal interface IStorageEngine
{
    StoreType Type { get; }

    ITaskStorage OpenTask(TaskId task);
}
