namespace Aggregator.Streams.Runtime.Nodes;

/// <summary>A node of a task's processor graph, instantiated per task from the topology's definitions.</summary>
internal abstract class ProcessorNode(string name)
{
    public string Name { get; } = name;

    public abstract void AddChild(ProcessorNode child);

    public abstract void Init(TaskContext context);

    public virtual void Close()
    {
    }

    /// <summary>Called before each commit (see <see cref="Processors.ICommitListener"/>).</summary>
    public virtual void BeforeCommit()
    {
    }
}

/// <summary>A node that accepts records of one key/value type.</summary>
internal abstract class ProcessorNode<TKey, TValue>(string name) : ProcessorNode(name)
{
    public abstract void Process(Processors.Record<TKey, TValue> record);
}
