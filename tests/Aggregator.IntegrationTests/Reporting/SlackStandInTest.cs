namespace Aggregator.IntegrationTests.Reporting;

/// <summary>
/// A test with a local stand-in for Slack (<see cref="FakeSlackWebhook"/>) and a scratch directory for the instances'
/// state, both started before and removed after each test.
/// </summary>
public abstract class SlackStandInTest(string workPrefix) : IAsyncLifetime
{
    private protected string Work { get; } = Directory.CreateTempSubdirectory(workPrefix).FullName;

    private protected FakeSlackWebhook Slack { get; private set; } = null!;

    public async Task InitializeAsync() => Slack = await FakeSlackWebhook.StartAsync();

    public async Task DisposeAsync()
    {
        await Slack.DisposeAsync();
        Directory.Delete(Work, recursive: true);
    }
}
