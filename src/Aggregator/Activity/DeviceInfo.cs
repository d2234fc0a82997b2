namespace Aggregator.Activity;

/// <summary>The refined record's <c>device</c> object: what kind of client sent the event.</summary>
/// <param name="Class">One of <see cref="DeviceClasses"/>.</param>
/// <param name="Browser">One of <see cref="BrowserNames"/>.</param>
/// <param name="Os">One of <see cref="OsNames"/>.</param>
internal sealed record DeviceInfo(string Class, string Browser, string Os);

/// <summary>Values of <c>device.class</c>.</summary>
internal static class DeviceClasses
{
    public const string Desktop = "desktop";
    public const string Mobile = "mobile";
    public const string Tablet = "tablet";
    public const string Bot = "bot";
}

/// <summary>Values of <c>device.browser</c>.</summary>
internal static class BrowserNames
{
    public const string Edge = "Edge";
    public const string Opera = "Opera";
    public const string SamsungInternet = "Samsung Internet";
    public const string Chrome = "Chrome";
    public const string Firefox = "Firefox";
    public const string Safari = "Safari";
    public const string Other = "other";
}

/// <summary>Values of <c>device.os</c>. iPadOS reports as iOS.</summary>
internal static class OsNames
{
    public const string Windows = "Windows";
    public const string MacOs = "macOS";
    public const string Ios = "iOS";
    public const string Android = "Android";
    public const string ChromeOs = "ChromeOS";
    public const string Linux = "Linux";
    public const string Other = "other";
}
