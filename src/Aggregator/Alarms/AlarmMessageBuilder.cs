using Aggregator.Slack;

namespace Aggregator.Alarms;

/// <summary>
/// Builds the Slack message on-call gets for an <see cref="AlarmTransition"/>: a header with the severity emoji
/// (🔴 critical, 🟠 warning, 🔵 info; ✅ resolved), a sentence saying what happened, the facts as fields, the
/// runbook link and a context line. The id, <c>alarm:{rule}:{incident}:fire</c> or <c>…:resolve</c>, depends only
/// on the transition, so the outbox de-duplicates a message rebuilt after a restart.
/// </summary>
/// <remarks>The wording is in <see cref="AlarmMessageText"/>.</remarks>
internal static class AlarmMessageBuilder
{
    public static SlackMessage Build(AlarmTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var builder = new SlackMessageBuilder(Id(transition), SlackMessageKind.Alarm)
            .Text(AlarmMessageText.Fallback(transition))
            .Header(AlarmMessageText.Header(transition))
            .Section(AlarmMessageText.Summary(transition))
            .Fields(AlarmMessageText.Fields(transition));
        if (transition.Runbook is { } runbook)
        {
            builder.Section($"📖 <{runbook}|Runbook>");
        }

        return builder.Context(AlarmMessageText.Context(transition)).Build();
    }

    /// <summary><c>alarm:checkout-errors:29876543:fire</c>.</summary>
    public static string Id(AlarmTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var kind = transition.Kind == AlarmTransitionKind.Fired ? "fire" : "resolve";
        return $"alarm:{transition.Rule}:{transition.Incident}:{kind}";
    }
}
