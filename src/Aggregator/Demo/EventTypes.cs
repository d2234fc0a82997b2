namespace Aggregator.Demo;

/// <summary>The <c>type</c> values of the raw event contract.</summary>
internal static class EventTypes
{
    public const string PageView = "page_view";
    public const string Click = "click";
    public const string Search = "search";
    public const string AddToCart = "add_to_cart";
    public const string Purchase = "purchase";
    public const string Error = "error";

    public static IReadOnlyList<string> All { get; } = [PageView, Click, Search, AddToCart, Purchase, Error];
}
