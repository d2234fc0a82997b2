using Aggregator.Hosting.Metrics;

namespace Aggregator.Tests.Hosting.Metrics;

public sealed class TagLabelsTests
{
    private static LabelSet Create(params (string Key, object? Value)[] tags) =>
        TagLabels.Create(tags.Select(t => new KeyValuePair<string, object?>(t.Key, t.Value)).ToArray(), []);

    [Fact]
    public void Create_SortsByLabelName_AndRendersEscapedText()
    {
        var labels = Create(("topic", "a\"b"), ("partition", 3));

        Assert.Equal([new Label("partition", "3"), new Label("topic", "a\"b")], labels.Labels);
        Assert.Equal("partition=\"3\",topic=\"a\\\"b\"", labels.Text);
    }

    [Fact]
    public void Create_SortsBySanitisedName_NotByTagKey()
    {
        // '.' sorts before '0' but '_' after it: the order must follow the names that are printed.
        var labels = Create(("a.x", "1"), ("a0", "2"));

        Assert.Equal("a0=\"2\",a_x=\"1\"", labels.Text);
    }

    [Fact]
    public void LabelSet_Create_SortsByName()
    {
        var labels = LabelSet.Create([new Label("b", "1"), new Label("a", "2")]);

        Assert.Equal("a=\"2\",b=\"1\"", labels.Text);
        Assert.Equal(labels, LabelSet.Create([new Label("a", "2"), new Label("b", "1")]));
    }

    [Fact]
    public void Create_SameTagsInAnotherOrder_IsEqual()
    {
        Assert.Equal(Create(("a", "1"), ("b", "2")), Create(("b", "2"), ("a", "1")));
    }

    [Fact]
    public void Create_ValuesThatPrintTheSame_AreEqual()
    {
        Assert.Equal(Create(("partition", 3)), Create(("partition", "3")));
        Assert.Equal(Create(("partition", 3)), Create(("partition", 3L)));
    }

    [Fact]
    public void Create_FormatsValuesInvariantly()
    {
        var labels = Create(("b", true), ("d", 1.5), ("n", null), ("s", "x"));

        Assert.Equal("b=\"true\",d=\"1.5\",s=\"x\"", labels.Text);
    }

    [Fact]
    public void Create_DropsEmptyValues()
    {
        Assert.Same(LabelSet.Empty, Create(("a", ""), ("b", null)));
    }

    [Fact]
    public void Create_KeysSanitisingToOneName_JoinValuesInKeyOrder()
    {
        var labels = Create(("a_b", "second"), ("a.b", "first"));

        Assert.Equal("a_b=\"first;second\"", labels.Text);
    }

    [Fact]
    public void Create_MeasurementTagOverridesInstrumentTag()
    {
        KeyValuePair<string, object?>[] tags = [new("store", "measured")];
        var labels = TagLabels.Create(tags, [new("store", "instrument"), new("task", "0_1")]);

        Assert.Equal("store=\"measured\",task=\"0_1\"", labels.Text);
    }

    [Fact]
    public void CompareTo_OrdersLabelByLabel()
    {
        var sets = new[]
        {
            Create(("b", "1")),
            Create(("a", "2")),
            Create(("a", "1"), ("b", "1")),
            LabelSet.Empty,
            Create(("a", "1")),
        };

        Assert.Equal(["", "a=\"1\"", "a=\"1\",b=\"1\"", "a=\"2\"", "b=\"1\""], sets.Order().Select(s => s.Text));
    }
}
