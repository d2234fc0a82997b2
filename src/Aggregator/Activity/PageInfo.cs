namespace Aggregator.Activity;

/// <summary>
/// The refined record's <c>page</c> object, present whenever the raw event had a <c>url</c>. All three
/// members are always written (empty when unknown) so consumers see one stable shape.
/// </summary>
/// <param name="Host">Lower-case host without port or user info; empty for relative URLs.</param>
/// <param name="Path">Path as sent, without query or fragment.</param>
/// <param name="Query">Query string without '?', sensitive parameters removed.</param>
internal sealed record PageInfo(string Host, string Path, string Query);
