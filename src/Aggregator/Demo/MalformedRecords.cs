using System.Text;

namespace Aggregator.Demo;

/// <summary>Turns a valid event into a record that breaks the contract in the given way.</summary>
internal static class MalformedRecords
{
    public static IReadOnlyList<MalformedKind> Kinds { get; } = Enum.GetValues<MalformedKind>().Where(k => k != MalformedKind.None).ToArray();

    public static byte[] Write(EventWriter writer, ActivityEvent e, MalformedKind kind, Random random) => kind switch
    {
        MalformedKind.NotJson => NotJson(writer, e, random),
        MalformedKind.JsonArray => [(byte)'[', .. writer.Write(e), (byte)']'],
        MalformedKind.MissingType => writer.Write(e, EventWriter.Fault.OmitType),
        MalformedKind.MissingUser => writer.Write(e, EventWriter.Fault.OmitUser),
        MalformedKind.BadTimestamp => writer.Write(e, EventWriter.Fault.TimestampNotADate),
        MalformedKind.WrongFieldType => writer.Write(e, random.Next(3) switch
        {
            0 => EventWriter.Fault.TypeAsNumber,
            1 => EventWriter.Fault.TimestampAsBoolean,
            _ => EventWriter.Fault.UserIdAsNumber,
        }),
        MalformedKind.Epoch1970 => writer.Write(e, random.Next(2) == 0 ? EventWriter.Fault.Timestamp1970 : EventWriter.Fault.EpochSecondsAsMillis),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a malformed kind."),
    };

    private static byte[] NotJson(EventWriter writer, ActivityEvent e, Random random)
    {
        switch (random.Next(5))
        {
            case 0:
                // Cut off mid-record, as a collector that lost its connection half way through a write would send.
                var whole = writer.Write(e);
                return whole[..(whole.Length / 2)];
            case 1:
                return Encoding.UTF8.GetBytes("type=" + e.Type + "&userId=" + e.User + "&ts=" + e.Time.ToUnixTimeMilliseconds());
            case 2:
                // Latin-1 bytes where UTF-8 is required: 0xE9 ('é') starts a multi-byte sequence that never completes.
                return [.. Encoding.UTF8.GetBytes("{\"type\":\"search\",\"query\":\"caf"), 0xE9, .. Encoding.UTF8.GetBytes("\"}")];
            case 3:
                return [];
            default:
                return Encoding.UTF8.GetBytes("<event type=\"" + e.Type + "\" user=\"" + e.User + "\"/>");
        }
    }
}
