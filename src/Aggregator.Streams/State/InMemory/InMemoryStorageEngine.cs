using Aggregator.Streams.Processors;
using Aggregator.Streams.State.Internal;

namespace Aggregator.Streams.State.InMemory;

internal sealed class InMemoryStorageEngine : IStorageEngine
{
    public StoreType Type => StoreType.InMemory;

    public ITaskStorage OpenTask(TaskId task) => new InMemoryTaskStorage();
}
