using Aggregator.Slack.BlockKit;

namespace Aggregator.Slack.Tests.BlockKit;

public class SlackTextTests
{
    [Fact]
    public void Field_PutsBoldLabelAboveValue()
    {
        var field = SlackText.Field("Errors", "3");

        Assert.Equal(SlackTextType.Markdown, field.Type);
        Assert.Equal("*Errors*\n3", field.Text);
    }

    [Fact]
    public void Field_EscapesControlCharactersOfData()
    {
        var field = SlackText.Field("User <admin>", "<!channel> & co");

        Assert.Equal("*User &lt;admin&gt;*\n&lt;!channel&gt; &amp; co", field.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Text_MustNotBeEmpty(string text)
    {
        // Slack rejects empty text objects (invalid_blocks), so they are refused when built.
        Assert.Throws<ArgumentException>(() => SlackText.Plain(text));
        Assert.Throws<ArgumentException>(() => SlackText.Markdown(text));
    }

    [Fact]
    public void Section_WithNeitherTextNorFields_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new SectionBlock(null, []));
    }

    [Fact]
    public void Context_WithoutElements_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new ContextBlock([]));
    }
}
