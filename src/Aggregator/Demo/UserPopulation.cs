using System.Globalization;

namespace Aggregator.Demo;

/// <summary>
/// Derives user <c>i</c> of the population from (seed, i) alone, so a million users cost no memory and the
/// same seed always describes the same people. Users 0..70% are logged in (<c>u-000001</c>...), the rest
/// anonymous visitors.
/// </summary>
internal sealed class UserPopulation
{
    public const double LoggedInShare = 0.7;

    // The session map holds one entry per user seen; a million keeps it in the tens of megabytes.
    public const int MaxUsers = 1_000_000;

    private static readonly WeightedTable<TimeSpan> Offsets = new(
    [
        (TimeSpan.FromHours(9), 35), (TimeSpan.Zero, 10), (TimeSpan.FromHours(1), 12), (TimeSpan.FromHours(-5), 15),
        (TimeSpan.FromHours(-8), 10), (new TimeSpan(5, 30, 0), 6), (TimeSpan.FromHours(8), 8), (TimeSpan.FromHours(-3), 4),
    ]);

    // First octets of busy public IPv4 space (cloud, ISP and mobile carrier ranges), avoiding private ranges.
    private static readonly int[] Ipv4FirstOctets = [23, 31, 37, 45, 52, 61, 66, 78, 81, 85, 91, 103, 110, 121, 175, 183, 188, 203, 211, 218];
    private static readonly string[] Ipv6Prefixes = ["2a02:", "2600:", "2001:4860:", "2406:da14:", "2a01:cb00:"];

    private readonly int _seed;

    public UserPopulation(int seed, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _seed = seed;
        Size = size;
        LoggedInCount = (int)Math.Round(size * LoggedInShare);
    }

    public int Size { get; }

    public int LoggedInCount { get; }

    /// <summary>The user id of user <paramref name="index"/> if that user is a logged-in one.</summary>
    public static string UserIdOf(int index) => "u-" + (index + 1).ToString("D6", CultureInfo.InvariantCulture);

    public UserProfile Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        var random = new Random(Mix(_seed, index));
        var loggedIn = index < LoggedInCount;
        var agent = UserAgents.Table.Next(random);
        while (loggedIn && agent.IsBot)
        {
            agent = UserAgents.Table.Next(random);
        }

        return new UserProfile(
            index,
            loggedIn ? UserIdOf(index) : null,
            RandomIds.Uuid(random),
            agent,
            NextIp(random),
            Offsets.Next(random));
    }

    private static string NextIp(Random random)
    {
        if (random.NextDouble() < 0.12)
        {
            var prefix = Ipv6Prefixes[random.Next(Ipv6Prefixes.Length)];
            var groups = 8 - prefix.Count(c => c == ':');
            return prefix + string.Join(':', Enumerable.Range(0, groups).Select(_ => random.Next(0x10000).ToString("x", CultureInfo.InvariantCulture)));
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{Ipv4FirstOctets[random.Next(Ipv4FirstOctets.Length)]}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}");
    }

    // SplitMix64 finaliser: neighbouring indexes get unrelated seeds (Random(i) and Random(i+1) start alike).
    private static int Mix(int seed, int index)
    {
        var z = ((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }
}
