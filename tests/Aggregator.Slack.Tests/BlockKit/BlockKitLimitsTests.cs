using System.Text.Json;
using Aggregator.Slack.BlockKit;
using Aggregator.Slack.Tests.Testing;

namespace Aggregator.Slack.Tests.BlockKit;

public class BlockKitLimitsTests
{
    [Fact]
    public void Header_LongerThan150_IsTruncatedWithEllipsis()
    {
        var header = new HeaderBlock(new string('h', 151));

        Assert.Equal(150, header.Text.Length);
        Assert.EndsWith("…", header.Text, StringComparison.Ordinal);
        Assert.StartsWith(new string('h', 149), header.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_Of150_IsKeptAsIs()
    {
        var text = new string('h', 150);

        Assert.Equal(text, new HeaderBlock(text).Text);
    }

    [Fact]
    public void SectionText_LongerThan3000_IsTruncatedWithEllipsis()
    {
        var section = new SectionBlock(SlackText.Markdown(new string('s', 5000)));

        Assert.Equal(3000, section.Text!.Text.Length);
        Assert.EndsWith("…", section.Text.Text, StringComparison.Ordinal);
        Assert.Equal(SlackTextType.Markdown, section.Text.Type);
    }

    [Fact]
    public void Field_LongerThan2000_IsTruncatedWithEllipsis()
    {
        var section = new SectionBlock(null, [SlackText.Field("Users", new string('u', 2500))]);

        Assert.Equal(2000, section.Fields[0].Text.Length);
        Assert.StartsWith("*Users*\n", section.Fields[0].Text, StringComparison.Ordinal);
        Assert.EndsWith("…", section.Fields[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_WithMoreThanTenFields_KeepsNineAndSaysHowManyMore()
    {
        var fields = Enumerable.Range(1, 14).Select(i => SlackText.Field($"F{i}", "v"));

        var section = new SectionBlock(null, fields);

        Assert.Equal(10, section.Fields.Count);
        Assert.Equal("*F9*\nv", section.Fields[8].Text);
        Assert.Equal("… 5 more not shown", section.Fields[9].Text);
    }

    [Fact]
    public void Context_WithMoreThanTenElements_KeepsNineAndSaysHowManyMore()
    {
        var context = new ContextBlock(Enumerable.Range(1, 12).Select(i => SlackText.Plain($"e{i}")));

        Assert.Equal(10, context.Elements.Count);
        Assert.Equal("e9", context.Elements[8].Text);
        Assert.Equal("… 3 more not shown", context.Elements[9].Text);
    }

    [Fact]
    public void ContextElement_LongerThan3000_IsTruncatedWithEllipsis()
    {
        var context = new ContextBlock([SlackText.Plain(new string('c', 3001))]);

        Assert.Equal(3000, context.Elements[0].Text.Length);
        Assert.EndsWith("…", context.Elements[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_WithMoreThanFiftyBlocks_KeepsFortyNineAndSaysHowManyMore()
    {
        var blocks = Enumerable.Range(1, 60).Select(i => new SectionBlock(SlackText.Plain($"row {i}")));

        var message = new SlackMessage("m", SlackMessageKind.Summary, "rows", blocks);

        Assert.Equal(50, message.Blocks.Count);
        Assert.Equal("row 49", Assert.IsType<SectionBlock>(message.Blocks[48]).Text!.Text);
        var marker = Assert.IsType<ContextBlock>(message.Blocks[49]);
        Assert.Equal("… 11 more not shown", marker.Elements[0].Text);
    }

    [Fact]
    public void FallbackText_LongerThan4000_IsTruncatedWithEllipsis()
    {
        var message = new SlackMessage("m", SlackMessageKind.Alarm, new string('t', 10_000));

        Assert.Equal(4000, message.Text.Length);
        Assert.EndsWith("…", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncate_NeverSplitsAnEmoji()
    {
        // 149 ASCII characters then emoji: a cut at 149 code units would leave half a surrogate pair.
        var text = new string('a', 148) + "🚨🚨🚨";

        var header = new HeaderBlock(text);

        Assert.True(header.Text.Length <= 150);
        Assert.EndsWith("…", header.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(header.Text, char.IsSurrogate);
    }

    [Fact]
    public void Truncate_KeepsWholeZwjEmojiSequences()
    {
        var family = "👨‍👩‍👧"; // one grapheme, eight UTF-16 code units
        var text = new string('a', 145) + family + family;

        var header = new HeaderBlock(text);

        Assert.Equal(new string('a', 145) + "…", header.Text);
    }

    [Fact]
    public void WebhookJson_OfAnOversizedMessage_StaysWithinEveryLimit()
    {
        var builder = new SlackMessageBuilder("big", SlackMessageKind.Summary).Text(new string('t', 50_000));
        for (var i = 0; i < 30; i++)
        {
            builder.Header(new string('h', 400))
                .Section(new string('s', 4000))
                .Add(new SectionBlock(null, Enumerable.Range(0, 15).Select(_ => SlackText.Markdown(new string('f', 2500)))))
                .Add(new ContextBlock(Enumerable.Range(0, 15).Select(_ => SlackText.Plain(new string('c', 4000)))));
        }

        using var json = JsonDocument.Parse(SlackMessageJson.ToWebhookJson(builder.Build()));

        var root = json.RootElement;
        Assert.True(root.GetProperty("text").GetString()!.Length <= 4000);
        var blocks = root.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(50, blocks.Count);
        foreach (var block in blocks)
        {
            switch (block.GetProperty("type").GetString())
            {
                case "header":
                    Assert.True(TextOf(block.GetProperty("text")).Length <= 150);
                    break;
                case "section":
                    if (block.TryGetProperty("text", out var text))
                    {
                        Assert.True(TextOf(text).Length <= 3000);
                    }

                    if (block.TryGetProperty("fields", out var fields))
                    {
                        Assert.InRange(fields.GetArrayLength(), 1, 10);
                        Assert.All(fields.EnumerateArray(), f => Assert.True(TextOf(f).Length <= 2000));
                    }

                    break;
                case "context":
                    var elements = block.GetProperty("elements");
                    Assert.InRange(elements.GetArrayLength(), 1, 10);
                    Assert.All(elements.EnumerateArray(), e => Assert.True(TextOf(e).Length <= 3000));
                    break;
                default:
                    Assert.Fail($"Unexpected block {block}");
                    break;
            }
        }
    }

    private static string TextOf(JsonElement textObject) => textObject.GetProperty("text").GetString()!;
}
