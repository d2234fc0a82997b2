using Aggregator.Streams.Dsl;
using Aggregator.Streams.Runtime;
using Aggregator.Streams.Runtime.Nodes;
using Aggregator.Streams.State.Internal;

namespace Aggregator.Streams.Processors.Operators;

/// <summary>
/// Suppress until the window closes: holds the latest result of each window in a buffer store (with a
/// changelog, so a restart neither loses nor re-emits buffered results) and emits it exactly once, when
/// stream time reaches the window's end plus grace.
/// </summary>
internal sealed class KTableSuppress<TKey, TValue>(string bufferStoreName, long graceMs)
    : IProcessor<Windowed<TKey>, TValue, Windowed<TKey>, TValue>
    where TKey : notnull
{
    // Emission order index over the buffer: window end → keys. Rebuilt from the store at Init.
    private readonly SortedDictionary<long, HashSet<Windowed<TKey>>> _byWindowEnd = [];
    private IProcessorContext<Windowed<TKey>, TValue> _context = null!;
    private TaskContext _task = null!;
    private CachedKeyValueStore<Windowed<TKey>, TValue> _buffer = null!;

    public void Init(IProcessorContext<Windowed<TKey>, TValue> context)
    {
        _context = context;
        _task = ((IInternalProcessorContext)context).Task;
        _buffer = context.GetStateStore<CachedKeyValueStore<Windowed<TKey>, TValue>>(bufferStoreName);
        foreach (var (key, _) in _buffer.All())
        {
            Index(key);
        }
    }

    public void Process(Record<Windowed<TKey>, TValue> record)
    {
        if (record.Key.Window.EndMs + graceMs <= _task.StreamTime)
        {
            // Already closed when it arrived (the update was flushed after the close): emit it now, once.
            if (_buffer.TryGet(record.Key, out _))
            {
                Unindex(record.Key);
                _buffer.Delete(record.Key);
            }

            _context.Forward(record);
        }
        else
        {
            if (record.Value is null)
            {
                _buffer.Delete(record.Key);
                Unindex(record.Key);
            }
            else
            {
                _buffer.Put(record.Key, record.Value);
                Index(record.Key);
            }
        }

        EmitClosed();
    }

    private void EmitClosed()
    {
        var closeBefore = _task.StreamTime - graceMs;
        while (_byWindowEnd.Count > 0)
        {
            var (windowEnd, keys) = _byWindowEnd.First();
            if (windowEnd > closeBefore)
            {
                return;
            }

            _byWindowEnd.Remove(windowEnd);
            foreach (var key in keys.OrderBy(k => k.Window.StartMs))
            {
                if (_buffer.TryGet(key, out var value))
                {
                    _buffer.Delete(key);
                    _context.Forward(new Record<Windowed<TKey>, TValue>(key, value, windowEnd - 1));
                }
            }
        }
    }

    private void Index(Windowed<TKey> key)
    {
        if (!_byWindowEnd.TryGetValue(key.Window.EndMs, out var keys))
        {
            keys = [];
            _byWindowEnd[key.Window.EndMs] = keys;
        }

        keys.Add(key);
    }

    private void Unindex(Windowed<TKey> key)
    {
        if (_byWindowEnd.TryGetValue(key.Window.EndMs, out var keys))
        {
            keys.Remove(key);
            if (keys.Count == 0)
            {
                _byWindowEnd.Remove(key.Window.EndMs);
            }
        }
    }
}
