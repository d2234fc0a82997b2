using Avro.Generic;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.Stream;

namespace Aggregator.Serialization;

/// <summary>activity.counts records ↔ the <c>counts-key.avsc</c> / <c>counts-value.avsc</c> records.</summary>
internal static class WindowedCountAvro
{
    public static GenericRecord Key(Windowed<string> windowed)
    {
        var record = new GenericRecord(AvroSchemas.CountsKey);
        AddWindow(record, windowed);
        return record;
    }

    public static GenericRecord Value(WindowedCount count)
    {
        var record = new GenericRecord(AvroSchemas.CountsValue);
        AddWindow(record, count.Window);
        record.Add("count", count.Count);
        return record;
    }

    public static Windowed<string> Key(GenericRecord record) =>
        new((string)record["key"], new TimeWindow(Millis(record["windowStart"]), Millis(record["windowEnd"])));

    public static WindowedCount Value(GenericRecord record) => new(Key(record), (long)record["count"]);

    private static void AddWindow(GenericRecord record, Windowed<string> windowed)
    {
        record.Add("key", windowed.Key);
        record.Add("windowStart", DateTimeOffset.FromUnixTimeMilliseconds(windowed.Window.StartMs).UtcDateTime);
        record.Add("windowEnd", DateTimeOffset.FromUnixTimeMilliseconds(windowed.Window.EndMs).UtcDateTime);
    }

    private static long Millis(object value) => RefinedEventAvro.Time(value).ToUnixTimeMilliseconds();
}
