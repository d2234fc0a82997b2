namespace Aggregator.Slack;

/// <summary>What a message is for; decides which webhook (channel) it goes to.</summary>
public enum SlackMessageKind
{
    /// <summary>A periodic activity summary, read by analysts.</summary>
    Summary,

    /// <summary>A threshold alarm, read by on-call.</summary>
    Alarm,
}
