using System.Runtime.InteropServices;
using Aggregator.Kafka;

namespace Aggregator.Tests.Kafka;

public sealed class BundledLibrdkafkaTests
{
    private static readonly string Native = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");

    [Fact]
    public void Candidates_AreTheAppsOwnCopies_NeverASystemLibrary()
    {
        Assert.All(BundledLibrdkafka.Candidates(), c => Assert.StartsWith(AppContext.BaseDirectory, c, StringComparison.Ordinal));
    }

    [Fact]
    public void OnGlibcLinuxX64_TriesThePackagesLibrdkafkaFirst_ThenTheCentos8Build()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64 || File.Exists("/lib/ld-musl-x86_64.so.1"))
        {
            return; // the product's platform (Debian 12, the official .NET images); xunit 2 cannot report a dynamic skip
        }

        var candidates = BundledLibrdkafka.Candidates().ToList();

        // librdkafka.so needs libsasl2.so.3 (absent on Debian 12); centos8-librdkafka.so has no such dependency.
        Assert.Equal(Path.Combine(Native, "librdkafka.so"), candidates[0]);
        Assert.Equal(Path.Combine(Native, "centos8-librdkafka.so"), candidates[1]);
        // A RID-specific publish puts the native files next to the app.
        Assert.Contains(Path.Combine(AppContext.BaseDirectory, "librdkafka.so"), candidates);
        Assert.Equal(candidates.Count, candidates.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EnsureLoaded_LoadsABundledCopy_WhichConfluentKafkaThenUses()
    {
        BundledLibrdkafka.EnsureLoaded();

        Assert.Contains(BundledLibrdkafka.LoadedFrom, BundledLibrdkafka.Candidates());
        Assert.True(File.Exists(BundledLibrdkafka.LoadedFrom));
        // Debian's librdkafka is 2.0.2 (it lacks rd_kafka_topic_partition_get_leader_epoch); the bundled one is 2.15+.
        Assert.True(Confluent.Kafka.Library.Version >= 0x020F0000, $"librdkafka {Confluent.Kafka.Library.VersionString} is not the bundled one");
    }

    [Fact]
    public void EnsureLoaded_IsIdempotent()
    {
        BundledLibrdkafka.EnsureLoaded();
        var first = BundledLibrdkafka.LoadedFrom;

        BundledLibrdkafka.EnsureLoaded();

        Assert.Equal(first, BundledLibrdkafka.LoadedFrom);
    }
}
