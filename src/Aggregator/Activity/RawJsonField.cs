namespace Aggregator.Activity;

/// <summary>
/// A top-level field carried through untouched: its (unescaped) name and its value as the exact UTF-8 JSON
/// text it arrived as, so nested objects, number formatting and escapes survive byte for byte.
/// </summary>
internal readonly record struct RawJsonField(string Name, ReadOnlyMemory<byte> RawValue);
