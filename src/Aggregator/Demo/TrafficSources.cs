namespace Aggregator.Demo;

/// <summary>Where a visit comes from: the referrer header and the campaign parameters on the landing URL.</summary>
internal sealed record TrafficSource(string Name, string? Referrer, string? Campaign, double CampaignShare);

internal static class TrafficSources
{
    public static WeightedTable<TrafficSource> Table { get; } = new(
    [
        (new TrafficSource("google", "https://www.google.com/", "utm_source=google&utm_medium=cpc&utm_campaign=winter-sale", 0.3), 38),
        (new TrafficSource("direct", null, null, 0), 30),
        (new TrafficSource("facebook", "https://l.facebook.com/", "utm_source=facebook&utm_medium=social&utm_campaign=retargeting", 0.7), 12),
        (new TrafficSource("newsletter", "https://newsletter.example.com/weekly", "utm_source=newsletter&utm_medium=email&utm_campaign=weekly-47", 1.0), 10),
        (new TrafficSource("bing", "https://www.bing.com/", null, 0), 4),
        (new TrafficSource("naver", "https://search.naver.com/", "utm_source=naver&utm_medium=cpc&utm_campaign=brand", 0.4), 4),
        (new TrafficSource("instagram", "https://www.instagram.com/", "utm_source=instagram&utm_medium=social", 0.8), 2),
    ]);
}
