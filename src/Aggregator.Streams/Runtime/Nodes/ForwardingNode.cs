using Aggregator.Streams.Processors;

namespace Aggregator.Streams.Runtime.Nodes;

/// <summary>Base for nodes with typed children: holds them and forwards to all or one by name.</summary>
internal abstract class ForwardingNode<TKeyIn, TValueIn, TKeyOut, TValueOut>(string name) : ProcessorNode<TKeyIn, TValueIn>(name)
{
    private ProcessorNode<TKeyOut, TValueOut>[] _children = [];

    public override void AddChild(ProcessorNode child)
    {
        if (child is not ProcessorNode<TKeyOut, TValueOut> typed)
        {
            throw new InvalidOperationException(
                $"Node '{child.Name}' cannot follow '{Name}': it does not accept <{typeof(TKeyOut).Name}, {typeof(TValueOut).Name}> records.");
        }

        _children = [.. _children, typed];
    }

    protected void ForwardToChildren(Record<TKeyOut, TValueOut> record)
    {
        // Indexing an array field is the cheapest loop the JIT gives us on the per-record path.
        var children = _children;
        for (var i = 0; i < children.Length; i++)
        {
            children[i].Process(record);
        }
    }

    protected void ForwardToChild(Record<TKeyOut, TValueOut> record, string childName)
    {
        foreach (var child in _children)
        {
            if (child.Name == childName)
            {
                child.Process(record);
                return;
            }
        }

        throw new InvalidOperationException($"Node '{Name}' has no child named '{childName}'.");
    }
}
