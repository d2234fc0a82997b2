using System.Globalization;
using System.Text;
using Aggregator.Activity;

namespace Aggregator.IntegrationTests.Faults;

/// <summary>
/// Malformed raw records of every kind the refiner rejects, each keyed "bad-N" so its dead letter can be matched to
/// the reason it must carry.
/// </summary>
internal static class MalformedRecords
{
    public static List<(string Key, byte[] Value, string Reason)> Generate(int count, Random random, DateTimeOffset eventTime)
    {
        var records = new List<(string, byte[], string)>(count);
        for (var i = 0; i < count; i++)
        {
            var (value, reason) = Make(i, random.Next(9), eventTime);
            records.Add(($"bad-{i}", Encoding.UTF8.GetBytes(value), reason));
        }

        return records;
    }

    private static (string Value, string Reason) Make(int i, int kind, DateTimeOffset eventTime)
    {
        var time = eventTime.ToString("O", CultureInfo.InvariantCulture);
        return kind switch
        {
            0 => ($"{{\"eventId\":\"bad-{i}\",\"type\":\"click\",", RejectionCodes.NotJson),
            1 => ($"[\"bad-{i}\"]", RejectionCodes.NotObject),
            2 => ($"{{\"eventId\":\"bad-{i}\",\"type\":\"click\",\"timestamp\":\"{time}\"}}", RejectionCodes.MissingField),
            3 => ($"{{\"eventId\":\"bad-{i}\",\"type\":\"click\",\"userId\":\"u-bad\",\"timestamp\":\"{time}\",\"url\":5}}", RejectionCodes.WrongType),
            4 => ($"{{\"eventId\":\"bad-{i}\",\"type\":\"click\",\"userId\":\"u-bad\",\"timestamp\":\"yesterday\"}}", RejectionCodes.TimestampUnparseable),
            5 => ($"{{\"eventId\":\"bad-{i}\",\"type\":\"click\",\"userId\":\"u-bad\",\"timestamp\":\"{DateTimeOffset.UtcNow.AddDays(-40).ToString("O", CultureInfo.InvariantCulture)}\"}}", RejectionCodes.TimestampTooOld),
            6 => ($"{{\"eventId\":\"bad-{i}\",\"type\":\"click\",\"userId\":\"u-bad\",\"timestamp\":\"{DateTimeOffset.UtcNow.AddHours(3).ToString("O", CultureInfo.InvariantCulture)}\"}}", RejectionCodes.TimestampInFuture),
            7 => ($"{{\"eventId\":\"bad-{i}\",\"type\":\"click\",\"type\":\"search\",\"userId\":\"u-bad\",\"timestamp\":\"{time}\"}}", RejectionCodes.DuplicateField),
            _ => i % 100 == 8
                ? ($"{{\"eventId\":\"bad-{i}\",\"type\":\"click\",\"userId\":\"u-bad\",\"timestamp\":\"{time}\",\"pad\":\"{new string('x', 70_000)}\"}}", RejectionCodes.Oversize)
                : ("", RejectionCodes.NotJson),
        };
    }
}
