namespace Aggregator.Demo;

/// <summary>
/// The shop's pages and how often each is viewed. Popularity is skewed (Zipf within products, categories and
/// queries) so that "top pages" in a summary is a stable, meaningful ranking rather than noise.
/// </summary>
internal static class PageCatalog
{
    public const string Origin = "https://shop.example.com";
    public const string Home = "/";
    public const string Cart = "/cart";
    public const string Checkout = "/checkout";
    public const string SearchPath = "/search";
    public const int ProductCount = 400;
    public const int FirstProductId = 1001;

    public static IReadOnlyList<string> Categories { get; } =
    [
        "shoes", "jackets", "electronics", "kitchen", "books", "toys", "garden", "beauty", "sports", "bags", "watches", "furniture",
    ];

    public static IReadOnlyList<string> SearchQueries { get; } =
    [
        "running shoes", "winter jacket", "wireless earbuds", "coffee grinder", "yoga mat", "backpack", "smart watch",
        "usb-c cable", "desk lamp", "gift card", "lego", "rain boots", "air fryer", "phone case", "sunglasses",
        "standing desk", "water bottle", "hoodie", "board games", "perfume",
    ];

    /// <summary>Products ranked by popularity: a deterministic shuffle so the bestsellers are not just the lowest ids.</summary>
    public static IReadOnlyList<int> ProductsByPopularity { get; } = RankProducts();

    public static WeightedTable<string> Pages { get; } = BuildPages();

    public static WeightedTable<string> Queries { get; } = WeightedTable<string>.Zipf(SearchQueries, 1.0);

    public static WeightedTable<int> Products { get; } = WeightedTable<int>.Zipf(ProductsByPopularity, 1.1);

    public static string ProductPath(int productId) => "/products/" + productId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The price of a product, stable per product (cents precision).</summary>
    public static decimal Price(int productId) => 4.99m + ((productId * 7919) % 19_500) / 100m;

    private static WeightedTable<string> BuildPages()
    {
        // Shares of all page views by page kind; within a kind, popularity is Zipf-like.
        var entries = new List<(string, double)>
        {
            (Home, 0.18), (Cart, 0.06), (Checkout, 0.035), ("/account", 0.03), ("/deals", 0.025), ("/help", 0.02), ("/about", 0.01),
            (SearchPath, 0.07),
        };
        AddZipf(entries, Categories.Select(c => "/category/" + c), 0.12, 0.9);
        AddZipf(entries, ProductsByPopularity.Select(ProductPath), 0.45, 1.1);
        return new WeightedTable<string>(entries);
    }

    private static void AddZipf(List<(string, double)> entries, IEnumerable<string> byRank, double share, double exponent)
    {
        var ranked = byRank.ToList();
        var weights = ranked.Select((_, i) => 1.0 / Math.Pow(i + 1, exponent)).ToList();
        var total = weights.Sum();
        entries.AddRange(ranked.Select((path, i) => (path, share * weights[i] / total)));
    }

    private static int[] RankProducts()
    {
        // Fixed seed: the catalogue is part of the model, the same whatever --seed a run uses.
        var ids = Enumerable.Range(FirstProductId, ProductCount).ToArray();
        new Random(20261121).Shuffle(ids);
        return ids;
    }
}
