using System.Text;
using Aggregator.IntegrationTests.Infrastructure;

namespace Aggregator.IntegrationTests.Serialization;

/// <summary>
/// `aggregator run` with <c>Serialization:Format=avro</c> against a registry that refuses or does not answer: exit 2 with
/// one line on stderr (the subject and the registry's reason; or the patience spent), never the password.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class SchemaRegistryStartupTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output)
{
    [Fact]
    public async Task IncompatibleSchema_ExitsTwo_WithOneLineNamingTheSubjectAndTheReason()
    {
        await using var registry = await RefusingSchemaRegistry.StartAsync();
        using var world = WorkerWorld.On(kafka, output, "refused", partitions: 2, new Dictionary<string, string?>
        {
            ["Serialization:Format"] = "avro",
            ["SchemaRegistry:Url"] = registry.BaseAddress.ToString().TrimEnd('/'),
            ["SchemaRegistry:BasicAuthUser"] = "aggregator",
            ["SchemaRegistry:BasicAuthPassword"] = "s3cret-registry-password",
        });
        await using var worker = world.StartWorker();

        Assert.Equal(2, await worker.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        var line = Assert.Single(worker.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"aggregator: schema registry refused subject {world.RefinedTopic}-key: Schema being registered is incompatible", line, StringComparison.Ordinal);
        Assert.Contains("READER_FIELD_MISSING_DEFAULT_VALUE", line, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-registry-password", worker.StandardOutput + worker.StandardError, StringComparison.Ordinal);
        Assert.Contains("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("aggregator:s3cret-registry-password")), registry.Authorizations);
    }

    [Fact]
    public async Task UnreachableRegistry_ExitsTwo_AfterThePatience_WithOneLine()
    {
        using var world = WorkerWorld.On(kafka, output, "noreg", partitions: 2, new Dictionary<string, string?>
        {
            ["Serialization:Format"] = "avro",
            ["SchemaRegistry:Url"] = "http://127.0.0.1:9",
            ["SchemaRegistry:StartupTimeout"] = "00:00:03",
        });
        await using var worker = world.StartWorker();

        Assert.Equal(2, await worker.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        var line = Assert.Single(worker.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("aggregator: schema registry http://127.0.0.1:9 unreachable for 00:00:03 (SchemaRegistry:StartupTimeout): ", line, StringComparison.Ordinal);
    }
}
