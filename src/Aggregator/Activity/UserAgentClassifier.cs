using System.Buffers;
using System.Collections.Concurrent;

namespace Aggregator.Activity;

/// <summary>
/// Derives <see cref="DeviceInfo"/> from a User-Agent with a few ordered substring checks: no regex, no UA
/// database. Good enough for counting by device class/browser/OS; not a fingerprint. The order matters
/// because UAs lie by design (every Chromium browser says "Chrome/ … Safari/", iPhones say "like Mac OS X").
/// Results are memoised per distinct UA string (bounded), since a few hundred UAs make up most traffic.
/// </summary>
internal static class UserAgentClassifier
{
    private const int CacheCapacity = 8192;

    // Bots first: crawlers often also claim a browser and a phone ("Android … Mobile … Googlebot").
    private static readonly SearchValues<string> BotTokens = SearchValues.Create(
        [
            "bot", "spider", "crawl", "slurp", "headlesschrome", "lighthouse", "facebookexternalhit", "phantomjs",
            "curl/", "wget/", "python-requests", "python-urllib", "python-httpx", "aiohttp", "go-http-client",
            "java/", "okhttp", "axios/", "node-fetch", "undici", "postmanruntime", "apache-httpclient",
            "libwww-perl", "scrapy", "httpie", "guzzlehttp", "feedfetcher",
        ],
        StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> EdgeTokens = SearchValues.Create(["Edg/", "EdgA/", "EdgiOS/", "Edge/"], StringComparison.Ordinal);
    private static readonly SearchValues<string> OperaTokens = SearchValues.Create(["OPR/", "Opera", "OPT/", "OPiOS/"], StringComparison.Ordinal);
    private static readonly SearchValues<string> ChromeTokens = SearchValues.Create(["Chrome/", "CriOS/", "Chromium/"], StringComparison.Ordinal);
    private static readonly SearchValues<string> FirefoxTokens = SearchValues.Create(["Firefox/", "FxiOS/"], StringComparison.Ordinal);
    private static readonly SearchValues<string> IosTokens = SearchValues.Create(["iPhone", "iPad", "iPod"], StringComparison.Ordinal);
    private static readonly SearchValues<string> MacTokens = SearchValues.Create(["Macintosh", "Mac OS X"], StringComparison.Ordinal);
    private static readonly SearchValues<string> TabletTokens = SearchValues.Create(["iPad", "Tablet", "Kindle", "Silk/", "PlayBook"], StringComparison.Ordinal);
    private static readonly SearchValues<string> MobileTokens = SearchValues.Create(["iPhone", "iPod", "Mobile", "Windows Phone", "Opera Mini", "BlackBerry"], StringComparison.Ordinal);

    private static readonly ConcurrentDictionary<string, DeviceInfo> Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<DeviceInfo, DeviceInfo> Shared = new();
    private static int _cacheCount;

    public static DeviceInfo Classify(string userAgent)
    {
        if (Cache.TryGetValue(userAgent, out var cached))
        {
            return cached;
        }

        var ua = userAgent.AsSpan();
        var info = new DeviceInfo(ClassOf(ua), BrowserOf(ua), OsOf(ua));
        info = Shared.GetOrAdd(info, info);
        if (Volatile.Read(ref _cacheCount) < CacheCapacity && userAgent.Length <= 512 && Cache.TryAdd(userAgent, info))
        {
            Interlocked.Increment(ref _cacheCount);
        }

        return info;
    }

    internal static string ClassOf(ReadOnlySpan<char> ua)
    {
        if (IsBot(ua))
        {
            return DeviceClasses.Bot;
        }

        var android = ua.Contains("Android", StringComparison.Ordinal);
        var mobileWord = ua.Contains("Mobile", StringComparison.Ordinal);

        // Android tablets are the Android UAs without "Mobile" (Google's own guidance to OEMs).
        if (ua.ContainsAny(TabletTokens) || (android && !mobileWord))
        {
            return DeviceClasses.Tablet;
        }

        return mobileWord || ua.ContainsAny(MobileTokens) ? DeviceClasses.Mobile : DeviceClasses.Desktop;
    }

    internal static string BrowserOf(ReadOnlySpan<char> ua)
    {
        // Edge, Opera and Samsung Internet all also claim "Chrome/": check them before Chrome.
        if (ua.ContainsAny(EdgeTokens))
        {
            return BrowserNames.Edge;
        }

        if (ua.ContainsAny(OperaTokens))
        {
            return BrowserNames.Opera;
        }

        if (ua.Contains("SamsungBrowser/", StringComparison.Ordinal))
        {
            return BrowserNames.SamsungInternet;
        }

        if (ua.ContainsAny(ChromeTokens))
        {
            return BrowserNames.Chrome;
        }

        if (ua.ContainsAny(FirefoxTokens))
        {
            return BrowserNames.Firefox;
        }

        return ua.Contains("Safari/", StringComparison.Ordinal) ? BrowserNames.Safari : BrowserNames.Other;
    }

    internal static string OsOf(ReadOnlySpan<char> ua)
    {
        // Windows Phone UAs also mention Android and iPhone; iOS UAs say "like Mac OS X"; Android and
        // ChromeOS UAs say "Linux". Hence this order.
        if (ua.Contains("Windows", StringComparison.Ordinal))
        {
            return OsNames.Windows;
        }

        if (ua.ContainsAny(IosTokens))
        {
            return OsNames.Ios;
        }

        if (ua.Contains("CrOS", StringComparison.Ordinal))
        {
            return OsNames.ChromeOs;
        }

        if (ua.Contains("Android", StringComparison.Ordinal))
        {
            return OsNames.Android;
        }

        if (ua.ContainsAny(MacTokens))
        {
            return OsNames.MacOs;
        }

        return ua.Contains("Linux", StringComparison.Ordinal) || ua.Contains("X11", StringComparison.Ordinal)
            ? OsNames.Linux
            : OsNames.Other;
    }

    private static bool IsBot(ReadOnlySpan<char> ua)
    {
        var rest = ua;
        while (true)
        {
            var index = rest.IndexOfAny(BotTokens);
            if (index < 0)
            {
                return false;
            }

            // "Cubot" is a phone brand, not a robot.
            var isCubot = index >= 2 && rest.Slice(index - 2, 5).Equals("cubot", StringComparison.OrdinalIgnoreCase);
            if (!isCubot)
            {
                return true;
            }

            rest = rest[(index + 1)..];
        }
    }
}
