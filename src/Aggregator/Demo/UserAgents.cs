namespace Aggregator.Demo;

/// <summary>A browser or client as it announces itself; bots never log in and only fetch pages.</summary>
internal sealed record UserAgent(string Name, string Header, bool IsBot, bool IsMobileApp);

/// <summary>Real-world user-agent strings with a plausible traffic share each.</summary>
internal static class UserAgents
{
    public static WeightedTable<UserAgent> Table { get; } = new(
    [
        (new UserAgent("chrome-windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", false, false), 24),
        (new UserAgent("chrome-mac", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", false, false), 8),
        (new UserAgent("firefox-windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", false, false), 5),
        (new UserAgent("firefox-linux", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", false, false), 1),
        (new UserAgent("safari-mac", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", false, false), 6),
        (new UserAgent("edge-windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", false, false), 7),
        (new UserAgent("safari-iphone", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", false, false), 20),
        (new UserAgent("chrome-android-phone", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36", false, false), 14),
        (new UserAgent("chrome-android-tablet", "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Safari/537.36", false, false), 2),
        (new UserAgent("safari-ipad", "Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", false, false), 3),
        (new UserAgent("samsung-internet", "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36", false, false), 4),
        (new UserAgent("shop-app-ios", "ShopApp/5.12.0 (iPhone15,3; iOS 18.1; Scale/3.00)", false, true), 3),
        (new UserAgent("googlebot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", true, false), 2),
        (new UserAgent("curl", "curl/8.5.0", true, false), 0.5),
    ]);
}
