using System.Text;
using Aggregator.Alarms;
using static Aggregator.Tests.Alarms.AlarmTestData;

namespace Aggregator.Tests.Alarms;

public sealed class AlarmStateTests
{
    [Fact]
    public void Json_RoundTrips_WithEnumNames()
    {
        var (state, _) = Run(AboveRule(1000), Open(0, 1500), Closed(0, 1600), Open(1, 20));
        state = state with { Partitions = ["activity.raw-1"] };

        var json = state.ToUtf8Json();
        var copy = AlarmState.FromUtf8Json(json);

        Assert.Contains("\"status\":\"Firing\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        Assert.Contains("\"direction\":\"Above\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        Assert.Equal(Json(state), Json(copy));
        Assert.Equal(state.Windows, copy.Windows);
        Assert.Equal(state.Partitions, copy.Partitions);
    }

    [Fact]
    public void Initial_IsOk_AndSmall()
    {
        Assert.Equal("""{"status":"Ok","incident":0,"consecutiveBreaches":0,"partitions":[],"windows":[]}""", Json(AlarmState.Initial));
    }

    [Fact]
    public void FromUtf8Json_RejectsNull()
    {
        Assert.Throws<System.Text.Json.JsonException>(() => AlarmState.FromUtf8Json("null"u8));
    }
}
