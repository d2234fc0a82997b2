using System.Text.Json;
using Aggregator.Slack;

namespace Aggregator.Tests.Reports;

/// <summary>Reads a message back from the webhook JSON Slack would receive, so tests check what is posted.</summary>
internal sealed class BlockKitJson
{
    private BlockKitJson(string text, IReadOnlyList<(string Type, IReadOnlyList<string> Texts)> blocks)
    {
        Text = text;
        Blocks = blocks;
    }

    /// <summary>The fallback text.</summary>
    public string Text { get; }

    /// <summary>Each block's type and its texts (header/section text, then fields, or context elements).</summary>
    public IReadOnlyList<(string Type, IReadOnlyList<string> Texts)> Blocks { get; }

    public IEnumerable<string> AllTexts => Blocks.SelectMany(b => b.Texts);

    public static BlockKitJson Parse(SlackMessage message)
    {
        using var document = JsonDocument.Parse(SlackMessageJson.ToWebhookJson(message));
        var root = document.RootElement;
        var blocks = new List<(string, IReadOnlyList<string>)>();
        foreach (var block in root.GetProperty("blocks").EnumerateArray())
        {
            var texts = new List<string>();
            if (block.TryGetProperty("text", out var text))
            {
                texts.Add(text.GetProperty("text").GetString()!);
            }

            foreach (var name in new[] { "fields", "elements" })
            {
                if (block.TryGetProperty(name, out var items))
                {
                    texts.AddRange(items.EnumerateArray().Select(i => i.GetProperty("text").GetString()!));
                }
            }

            blocks.Add((block.GetProperty("type").GetString()!, texts));
        }

        return new BlockKitJson(root.GetProperty("text").GetString()!, blocks);
    }

    public IReadOnlyList<string> TextsOf(string type) => [.. Blocks.Where(b => b.Type == type).SelectMany(b => b.Texts)];

    /// <summary>The first section text starting with <paramref name="prefix"/>.</summary>
    public string Section(string prefix) =>
        TextsOf("section").FirstOrDefault(t => t.StartsWith(prefix, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"No section starting with '{prefix}' in:\n{string.Join("\n---\n", AllTexts)}");
}
