using System.Text;
using Aggregator.Activity;
using Microsoft.Extensions.Options;

namespace Aggregator.Tests.Activity;

/// <summary>Shared inputs: one fixed ingest time and small builders for raw JSON.</summary>
internal static class TestEvents
{
    /// <summary>Ingest time used throughout: the default bounds are then 2026-10-22T10:00Z … 2026-11-21T11:00Z.</summary>
    public static readonly DateTimeOffset Ingest = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A valid minimal event; <paramref name="extra"/> is spliced in as more members.</summary>
    public static string Minimal(string extra = "") =>
        "{\"type\":\"page_view\",\"timestamp\":\"2026-11-21T09:59:00.000Z\",\"userId\":\"u-1\""
            + (extra.Length > 0 ? "," + extra : "") + "}";

    public static RawEventParser Parser(ActivityValidationOptions? options = null) =>
        new(Options.Create(options ?? new ActivityValidationOptions()));

    public static ParseResult Parse(string json, ActivityValidationOptions? options = null) =>
        Parser(options).Parse(Encoding.UTF8.GetBytes(json), Ingest);

    public static RawEvent ParseValid(string json, ActivityValidationOptions? options = null)
    {
        var result = Parse(json, options);
        Assert.True(result.IsValid, result.Rejection?.ToString());
        return result.Event;
    }

    public static Rejection ParseRejected(string json, ActivityValidationOptions? options = null)
    {
        var result = Parse(json, options);
        Assert.False(result.IsValid, "expected a rejection for " + json);
        return result.Rejection;
    }

    public static string Utf8(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);
}
