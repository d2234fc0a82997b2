using Aggregator.Slack.BlockKit;

namespace Aggregator.Slack.Tests;

public class SlackMessageBuilderTests
{
    [Fact]
    public void Build_KeepsIdKindAndBlockOrder()
    {
        var message = new SlackMessageBuilder("summary:1", SlackMessageKind.Summary)
            .Text("fallback")
            .Header("h")
            .Section("s")
            .PlainSection("p")
            .Fields(("a", "1"))
            .Divider()
            .Context("c1", "c2")
            .Build();

        Assert.Equal("summary:1", message.Id);
        Assert.Equal(SlackMessageKind.Summary, message.Kind);
        Assert.Equal("fallback", message.Text);
        Assert.Collection(
            message.Blocks,
            b => Assert.Equal("h", Assert.IsType<HeaderBlock>(b).Text),
            b => Assert.Equal(SlackText.Markdown("s"), Assert.IsType<SectionBlock>(b).Text),
            b => Assert.Equal(SlackText.Plain("p"), Assert.IsType<SectionBlock>(b).Text),
            b => Assert.Equal([SlackText.Field("a", "1")], Assert.IsType<SectionBlock>(b).Fields),
            b => Assert.IsType<DividerBlock>(b),
            b => Assert.Equal([SlackText.Markdown("c1"), SlackText.Markdown("c2")], Assert.IsType<ContextBlock>(b).Elements));
    }

    [Fact]
    public void Fields_MoreThanTen_AreSplitIntoSectionsInsteadOfCut()
    {
        var fields = Enumerable.Range(1, 23).Select(i => ($"F{i}", $"{i}"));

        var message = new SlackMessageBuilder("m", SlackMessageKind.Summary).Text("t").Fields(fields).Build();

        var sections = message.Blocks.Cast<SectionBlock>().ToList();
        Assert.Equal([10, 10, 3], sections.Select(s => s.Fields.Count));
        Assert.Equal("*F23*\n23", sections[2].Fields[2].Text);
    }

    [Fact]
    public void Build_WithoutText_UsesTheHeader()
    {
        var message = new SlackMessageBuilder("m", SlackMessageKind.Alarm).Section("body").Header("Title").Build();

        Assert.Equal("Title", message.Text);
    }

    [Fact]
    public void Build_WithoutTextOrHeader_UsesTheFirstSectionText()
    {
        var message = new SlackMessageBuilder("m", SlackMessageKind.Alarm).Fields(("a", "b")).Section("body").Build();

        Assert.Equal("body", message.Text);
    }

    [Fact]
    public void Build_WithNothingToDeriveTextFrom_Throws()
    {
        var builder = new SlackMessageBuilder("m", SlackMessageKind.Alarm).Divider();

        Assert.Throws<InvalidOperationException>(builder.Build);
    }
}
