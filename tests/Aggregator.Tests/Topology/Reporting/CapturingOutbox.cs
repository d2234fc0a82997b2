using Aggregator.Slack;
using Aggregator.Topology.Reporting;

namespace Aggregator.Tests.Topology.Reporting;

/// <summary>An outbox that "delivers" every offered message at once and remembers each id once, in order.</summary>
internal sealed class CapturingOutbox : IOutbox
{
    private readonly List<SlackMessage> _delivered = [];
    private readonly List<string> _completed = [];

    public IReadOnlyList<SlackMessage> Delivered => _delivered;

    public IReadOnlyList<string> Summaries =>
        [.. _delivered.Where(m => m.Kind == SlackMessageKind.Summary).Select(SlackTextRenderer.Render)];

    public void Offer(IReadOnlyList<SlackMessage> pending)
    {
        foreach (var message in pending.Where(m => _delivered.All(d => d.Id != m.Id)))
        {
            _delivered.Add(message);
            _completed.Add(message.Id);
        }
    }

    public IReadOnlyList<string> TakeCompleted()
    {
        var ids = _completed.ToList();
        _completed.Clear();
        return ids;
    }

    public void Release()
    {
    }
}
