using System.Text.Json;
using Aggregator.Slack.BlockKit;
using Aggregator.Slack.Tests.Testing;

namespace Aggregator.Slack.Tests;

public class SlackMessageJsonTests
{
    [Fact]
    public void ToWebhookJson_HasSlacksExactShape()
    {
        var message = new SlackMessageBuilder("summary:1", SlackMessageKind.Summary)
            .Text("fallback ▁▂▃")
            .Header("Title 📊")
            .Section("*bold* text")
            .Add(new SectionBlock(SlackText.Plain("plain"), [SlackText.Field("Errors", "3")]))
            .Context("ctx")
            .Divider()
            .Build();

        var json = SlackMessageJson.ToWebhookJson(message);

        // The whole document, so any extra or missing property fails the test.
        const string expected = """
            {"text":"fallback ▁▂▃","blocks":[
            {"type":"header","text":{"type":"plain_text","text":"Title 📊","emoji":true}},
            {"type":"section","text":{"type":"mrkdwn","text":"*bold* text"}},
            {"type":"section","text":{"type":"plain_text","text":"plain","emoji":true},"fields":[{"type":"mrkdwn","text":"*Errors*\n3"}]},
            {"type":"context","elements":[{"type":"mrkdwn","text":"ctx"}]},
            {"type":"divider"}]}
            """;
        Assert.True(
            JsonElement.DeepEquals(JsonDocument.Parse(expected).RootElement, JsonDocument.Parse(json).RootElement),
            json);
        Assert.DoesNotContain("summary:1", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToWebhookJson_KeepsSparklinesReadable()
    {
        var json = SlackMessageJson.ToWebhookJson(Messages.Summary());

        Assert.Contains("▁▂▃▅▇█", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToWebhookJson_OfTextOnlyMessage_OmitsBlocks()
    {
        var json = SlackMessageJson.ToWebhookJson(new SlackMessage("m", SlackMessageKind.Alarm, "just text"));

        Assert.Equal("""{"text":"just text"}""", json);
    }

    [Fact]
    public void ToJson_RoundTripsThroughFromJson()
    {
        var original = Messages.Alarm();

        var json = SlackMessageJson.ToJson(original);
        var copy = SlackMessageJson.FromJson(json);

        Assert.Equal(original.Id, copy.Id);
        Assert.Equal(original.Kind, copy.Kind);
        Assert.Equal(SlackMessageJson.ToWebhookJson(original), SlackMessageJson.ToWebhookJson(copy));
        using var document = JsonDocument.Parse(json);
        Assert.Equal("alarm", document.RootElement.GetProperty("kind").GetString());
        Assert.Equal(original.Id, document.RootElement.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("""{"id":"m","kind":"other","text":"t"}""")]
    [InlineData("""{"id":"m","kind":"alarm","text":"t","blocks":[{"type":"image"}]}""")]
    [InlineData("""{"id":"m","kind":"alarm","text":"t","blocks":[{"type":"header"}]}""")]
    [InlineData("""{"id":"m","kind":"alarm"}""")]
    [InlineData("null")]
    public void FromJson_OfSomethingElse_ThrowsJsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => SlackMessageJson.FromJson(json));
    }
}
