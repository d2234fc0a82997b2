using Aggregator.Streams.Runtime.Nodes;
using Aggregator.Streams.State;

namespace Aggregator.Streams.Topology;

/// <summary>
/// Collects node, store and global-table definitions (from the DSL or the processor API) and splits them
/// into sub-topologies. Pure: no I/O, so a topology can be built, described and tested anywhere.
/// </summary>
internal sealed class TopologyBuilder
{
    private readonly List<NodeDefinition> _nodes = [];
    private readonly Dictionary<string, NodeDefinition> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoreBuilder> _stores = new(StringComparer.Ordinal);
    private readonly List<GlobalStoreDefinition> _globalStores = [];
    private readonly HashSet<string> _sourceTopics = new(StringComparer.Ordinal);
    private int _counter;

    /// <summary>A unique readable name: "prefix-N".</summary>
    public string NewName(string prefix) => $"{prefix}-{_counter++:D4}";

    public IReadOnlyDictionary<string, StoreBuilder> Stores => _stores;

    public SourceDefinition AddSource(string name, IReadOnlyList<string> topics, bool isRepartition, Func<ProcessorNode> factory)
    {
        foreach (var topic in topics)
        {
            if (!_sourceTopics.Add(topic))
            {
                throw new InvalidOperationException($"Topic '{topic}' is already read by another source; read it once and share the stream.");
            }
        }

        return Add(new SourceDefinition(name, topics, isRepartition, factory) { Order = _nodes.Count }, []);
    }

    public ProcessorDefinition AddProcessor(string name, Func<ProcessorNode> factory, IEnumerable<NodeDefinition> parents, params string[] stores)
    {
        var node = Add(new ProcessorDefinition(name, factory) { Order = _nodes.Count }, parents);
        ConnectStores(node, stores);
        return node;
    }

    public SinkDefinition AddSink(string name, string topic, bool isRepartition, int? partitions, Func<ProcessorNode> factory, NodeDefinition parent) =>
        Add(new SinkDefinition(name, topic, isRepartition, partitions, factory) { Order = _nodes.Count }, [parent]);

    public void AddStore(StoreBuilder store)
    {
        if (!_stores.TryAdd(store.Name, store) && !ReferenceEquals(_stores[store.Name], store))
        {
            throw new InvalidOperationException($"A state store named '{store.Name}' already exists.");
        }
    }

    public void ConnectStores(NodeDefinition node, IEnumerable<string> stores)
    {
        foreach (var store in stores)
        {
            if (!_stores.ContainsKey(store) && !_globalStores.Exists(g => g.StoreName == store))
            {
                throw new InvalidOperationException($"Processor '{node.Name}' uses state store '{store}', which was never added.");
            }

            if (!node.StoreNames.Contains(store))
            {
                node.StoreNames.Add(store);
            }
        }
    }

    public void AddGlobalStore(GlobalStoreDefinition definition)
    {
        if (_stores.ContainsKey(definition.StoreName) || _globalStores.Exists(g => g.StoreName == definition.StoreName))
        {
            throw new InvalidOperationException($"A state store named '{definition.StoreName}' already exists.");
        }

        if (!_sourceTopics.Add(definition.Topic))
        {
            throw new InvalidOperationException($"Topic '{definition.Topic}' is already read by another source.");
        }

        _globalStores.Add(definition);
    }

    public Topology Build()
    {
        if (_nodes.Count == 0 && _globalStores.Count == 0)
        {
            throw new InvalidOperationException("The topology is empty: add at least one source.");
        }

        return new Topology(SplitIntoSubtopologies(), _globalStores.ToList(), new Dictionary<string, StoreBuilder>(_stores));
    }

    private T Add<T>(T node, IEnumerable<NodeDefinition> parents) where T : NodeDefinition
    {
        if (!_byName.TryAdd(node.Name, node))
        {
            throw new InvalidOperationException($"A node named '{node.Name}' already exists; names must be unique.");
        }

        foreach (var parent in parents)
        {
            if (parent is SinkDefinition)
            {
                throw new InvalidOperationException($"Sink '{parent.Name}' cannot have children.");
            }

            parent.Children.Add(node);
            node.Parents.Add(parent);
        }

        _nodes.Add(node);
        return node;
    }

    private List<Subtopology> SplitIntoSubtopologies()
    {
        // Union-find: nodes joined by an edge or by a shared store run in the same task.
        var parent = _nodes.ToDictionary(n => n, n => n);
        NodeDefinition Find(NodeDefinition n) => parent[n] == n ? n : parent[n] = Find(parent[n]);
        void Union(NodeDefinition a, NodeDefinition b) => parent[Find(a)] = Find(b);

        foreach (var node in _nodes)
        {
            foreach (var child in node.Children)
            {
                Union(node, child);
            }
        }

        foreach (var users in _nodes.SelectMany(n => n.StoreNames.Where(_stores.ContainsKey).Select(s => (Store: s, Node: n))).GroupBy(x => x.Store))
        {
            var first = users.First().Node;
            foreach (var (_, node) in users.Skip(1))
            {
                Union(first, node);
            }
        }

        var result = new List<Subtopology>();
        foreach (var group in _nodes.GroupBy(Find).OrderBy(g => g.Min(n => n.Order)))
        {
            var nodes = group.OrderBy(n => n.Order).ToList();
            if (!nodes.OfType<SourceDefinition>().Any())
            {
                throw new InvalidOperationException($"Processor '{nodes[0].Name}' is not connected to any source.");
            }

            var stores = nodes.SelectMany(n => n.StoreNames).Distinct().Where(_stores.ContainsKey).Select(s => _stores[s]).ToList();
            result.Add(new Subtopology(result.Count, nodes, stores));
        }

        return result;
    }
}
