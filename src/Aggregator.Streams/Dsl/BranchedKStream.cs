using Aggregator.Streams.Processors.Operators;

namespace Aggregator.Streams.Dsl;

/// <summary>
/// The result of <see cref="KStream{TKey,TValue}.Split"/>: add branches with predicates, then finish with
/// <see cref="DefaultBranch"/> or <see cref="NoDefaultBranch"/> to get the branches by name ("prefix" + name).
/// </summary>
public sealed class BranchedKStream<TKey, TValue>
{
    private readonly StreamsBuilder _builder;
    private readonly KStream<TKey, TValue> _source;
    private readonly string _prefix;
    private readonly List<(string Name, Func<TKey, TValue, bool> Predicate)> _branches = [];
    private bool _finished;

    internal BranchedKStream(StreamsBuilder builder, KStream<TKey, TValue> source, string prefix)
    {
        _builder = builder;
        _source = source;
        _prefix = prefix;
    }

    public BranchedKStream<TKey, TValue> Branch(Func<TKey, TValue, bool> predicate, string? name = null)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _branches.Add((_prefix + (name ?? (_branches.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), predicate));
        return this;
    }

    /// <summary>Finishes with a branch (named "prefix" + <paramref name="name"/>) for records no predicate matched.</summary>
    public IReadOnlyDictionary<string, KStream<TKey, TValue>> DefaultBranch(string name = "0") => Finish(_prefix + name);

    /// <summary>Finishes; records no predicate matched are dropped.</summary>
    public IReadOnlyDictionary<string, KStream<TKey, TValue>> NoDefaultBranch() => Finish(null);

    private Dictionary<string, KStream<TKey, TValue>> Finish(string? defaultName)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        var predicates = _branches.Select(b => b.Predicate).ToList();
        var names = _branches.Select(b => b.Name).ToList();
        var splitName = _prefix + "split";
        var split = _builder.AddProcessor(splitName, () => new KStreamBranch<TKey, TValue>(predicates, names, defaultName), _source.Node);
        var result = new Dictionary<string, KStream<TKey, TValue>>(StringComparer.Ordinal);
        foreach (var name in defaultName is null ? names : [.. names, defaultName])
        {
            var branch = _builder.AddProcessor(name, () => new KStreamPassThrough<TKey, TValue>(), split);
            result[name] = new KStream<TKey, TValue>(_builder, branch, _source.KeySerde, _source.ValueSerde, _source.RepartitionRequired);
        }

        return result;
    }
}
