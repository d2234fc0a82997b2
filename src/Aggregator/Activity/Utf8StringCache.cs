using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;

namespace Aggregator.Activity;

/// <summary>
/// Hands out one shared string per distinct short UTF-8 value (event types, hosts, field names), so the hot
/// path stops allocating for values that repeat millions of times. Bounded: once full it still answers,
/// it just stops remembering, so hostile high-cardinality input cannot grow memory.
/// </summary>
internal sealed class Utf8StringCache
{
    private readonly ConcurrentDictionary<string, string> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _capacity;
    private int _count;

    public Utf8StringCache(int capacity = 4096)
    {
        _capacity = capacity;
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Event <c>type</c> values.</summary>
    public static Utf8StringCache EventTypes { get; } = new();

    /// <summary>Page and referrer hosts.</summary>
    public static Utf8StringCache Hosts { get; } = new();

    /// <summary>Names of unknown fields carried through (SDKs send the same few).</summary>
    public static Utf8StringCache FieldNames { get; } = new();

    /// <summary>Longest value worth caching, in bytes; longer ones are rarely repeated and just decoded.</summary>
    public const int MaxCachedLength = 128;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Decodes <paramref name="utf8"/> (which must be valid UTF-8), reusing a cached instance when there is one.</summary>
    [SkipLocalsInit]
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxCachedLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxCachedLength];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return Get(chars[..length]);
    }

    public string Get(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }

        if (_lookup.TryGetValue(value, out var cached))
        {
            return cached;
        }

        var created = value.ToString();
        if (value.Length <= MaxCachedLength && Volatile.Read(ref _count) < _capacity && _entries.TryAdd(created, created))
        {
            Interlocked.Increment(ref _count);
        }

        return created;
    }
}
