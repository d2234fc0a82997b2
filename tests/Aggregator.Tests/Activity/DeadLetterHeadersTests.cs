using System.Text;
using Aggregator.Activity;

namespace Aggregator.Tests.Activity;

public sealed class DeadLetterHeadersTests
{
    private static readonly Rejection Rejection = new(RejectionCodes.WrongType, "field 'url' must be a string, got number");
    private static readonly DateTimeOffset Time = new(2026, 11, 21, 10, 0, 0, 5, TimeSpan.FromHours(9));

    [Fact]
    public void Names_AreTheContractNames()
    {
        Assert.Equal(
            ["dlq.reason", "dlq.detail", "dlq.source.topic", "dlq.source.partition", "dlq.source.offset", "dlq.time"],
            [DeadLetterHeaders.Reason, DeadLetterHeaders.Detail, DeadLetterHeaders.SourceTopic, DeadLetterHeaders.SourcePartition, DeadLetterHeaders.SourceOffset, DeadLetterHeaders.Time]);
    }

    [Fact]
    public void Create_WritesAllHeadersAsUtf8_InOrder()
    {
        var headers = DeadLetterHeaders.Create(Rejection, new SourcePosition("activity.raw", 0, 0), Time);

        Assert.Equal(
            [
                ("dlq.reason", "wrong_type"),
                ("dlq.detail", "field 'url' must be a string, got number"),
                ("dlq.source.topic", "activity.raw"),
                ("dlq.source.partition", "0"),
                ("dlq.source.offset", "0"),
                ("dlq.time", "2026-11-21T01:00:00.005Z"),
            ],
            headers.Select(h => (h.Key, Encoding.UTF8.GetString(h.Value))));
    }

    [Fact]
    public void Create_EncodesNonAsciiDetail_AsUtf8()
    {
        var headers = DeadLetterHeaders.Create(new Rejection("invalid_field", "field 'é'"), SourcePosition.Unknown, Time);

        Assert.Equal("field 'é'"u8.ToArray(), headers.Single(h => h.Key == DeadLetterHeaders.Detail).Value);
    }

    [Fact]
    public void Create_LeavesOutUnknownSourceCoordinates()
    {
        var headers = DeadLetterHeaders.Create(Rejection, SourcePosition.Unknown, Time);

        Assert.Equal(["dlq.reason", "dlq.detail", "dlq.time"], headers.Select(h => h.Key));
    }
}
