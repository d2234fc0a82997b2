namespace Aggregator.Streams.Processors.Operators;

/// <summary>Sends each record to the child of the first predicate it matches (or the default branch, if any).</summary>
internal sealed class KStreamBranch<TKey, TValue>(IReadOnlyList<Func<TKey, TValue, bool>> predicates, IReadOnlyList<string> childNames, string? defaultChild)
    : IProcessor<TKey, TValue, TKey, TValue>
{
    private IProcessorContext<TKey, TValue> _context = null!;

    public void Init(IProcessorContext<TKey, TValue> context) => _context = context;

    public void Process(Record<TKey, TValue> record)
    {
        for (var i = 0; i < predicates.Count; i++)
        {
            if (predicates[i](record.Key, record.Value))
            {
                _context.Forward(record, childNames[i]);
                return;
            }
        }

        if (defaultChild is not null)
        {
            _context.Forward(record, defaultChild);
        }
    }
}
