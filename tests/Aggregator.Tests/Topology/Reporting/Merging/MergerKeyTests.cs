using Aggregator.Topology.Reporting;
using Aggregator.Topology.Reporting.Merging;

namespace Aggregator.Tests.Topology.Reporting.Merging;

public sealed class MergerKeyTests
{
    private static readonly (string Encoded, MergerKey Key)[] Known =
    [
        ("p:1795341600000:2_0", MergerKey.Partial(1_795_341_600_000, "2_0")),
        ("w:1795341600000:2_1|checkout-errors", MergerKey.Window(1_795_341_600_000, "2_1", "checkout-errors")),
        ("w:1795341600000:0_3|odd:name|with bars", MergerKey.Window(1_795_341_600_000, "0_3", "odd:name|with bars")),
        ("a:DlqSpike", MergerKey.Alarm("DlqSpike")),
        ("o:summary:2026-11-21T10:00Z", MergerKey.Outbox("summary:2026-11-21T10:00Z")),
        ("d:alarm:checkout-errors:29920927:fire", MergerKey.Delivered("alarm:checkout-errors:29920927:fire")),
        ("s:reported-through", MergerKey.Setting(MergerKey.Settings.ReportedThrough)),
        ("s:caught-up", MergerKey.Setting(MergerKey.Settings.CaughtUp)),
        ("c:5", MergerKey.StageThrough(StatsStage.Counts, 5)),
        ("c:5:refine", MergerKey.StageThrough(StatsStage.Refine, 5)),
        ("c:6:dedup", MergerKey.StageThrough(StatsStage.Dedup, 6)),
    ];

    public static TheoryData<int> Keys => [.. Enumerable.Range(0, Known.Length)];

    // The strings are those the merger wrote before the codec: existing stores and changelogs must read the same.
    [Theory]
    [MemberData(nameof(Keys))]
    public void Encode_WritesTheStoresExistingFormat(int known) => Assert.Equal(Known[known].Encoded, Known[known].Key.Encode());

    [Theory]
    [MemberData(nameof(Keys))]
    public void TryDecode_ReadsWhatEncodeWrote(int known)
    {
        Assert.True(MergerKey.TryDecode(Known[known].Encoded, out var decoded));
        Assert.Equal(Known[known].Key, decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("p:")]
    [InlineData("p:notanumber:2_0")]
    [InlineData("w:1795341600000:no-bar")]
    [InlineData("c:three")]
    [InlineData("z:anything")]
    [InlineData("i:1795341600000")]
    public void TryDecode_RejectsOtherKeys(string key) => Assert.False(MergerKey.TryDecode(key, out _));

    [Fact]
    public void StageThrough_CarriesThePartitionAndStage()
    {
        Assert.True(MergerKey.TryDecode(MergerKey.StageThrough(StatsStage.Dedup, 7).Encode(), out var decoded));
        Assert.Equal((7, StatsStage.Dedup), (decoded.Partition, decoded.Stage));
        Assert.Equal(StatsStage.Counts, MergerKey.StageThrough(StatsStage.Counts, 7).Stage);
    }
}
