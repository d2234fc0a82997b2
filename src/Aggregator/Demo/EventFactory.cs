using System.Globalization;

namespace Aggregator.Demo;

/// <summary>
/// Decides what a visitor does next and fills in the event: type, page, referrer, properties. Owns the
/// behavioural model (proportions, page popularity, carts); <see cref="ActivityGenerator"/> owns the stream.
/// </summary>
internal sealed class EventFactory
{
    /// <summary>Share of all errors that happen on /checkout; the anomaly multiplies this baseline.</summary>
    public const double CheckoutShareOfErrors = 0.12;

    // After the landing page view. With ~14 events a visit this gives roughly 60% page views, 22% clicks,
    // 7% searches, 5% add-to-cart, 1% purchases and 1.2% errors overall.
    private static readonly WeightedTable<string> Types = new(
    [
        (EventTypes.PageView, 0.57), (EventTypes.Click, 0.24), (EventTypes.Search, 0.08), (EventTypes.AddToCart, 0.055),
        (EventTypes.Purchase, 0.01), (EventTypes.Error, 0.013),
    ]);

    private static readonly WeightedTable<string> ClickTargets = WeightedTable<string>.Zipf(
    [
        "product-card", "add-to-cart-button", "nav-home", "search-box", "buy-now", "cart-icon", "checkout-button", "filter-price",
        "sort-dropdown", "size-selector", "banner-hero", "pagination-next", "login-link", "newsletter-signup", "nav-deals",
    ], 0.9);

    private static readonly WeightedTable<(int Code, string Message)> Errors = new(
    [
        ((500, "Internal Server Error"), 35), ((404, "Not Found"), 25), ((503, "Service Unavailable"), 15),
        ((502, "Bad Gateway"), 10), ((504, "Gateway Timeout"), 10), ((429, "Too Many Requests"), 5),
    ]);

    private static readonly WeightedTable<string> ErrorPaths = new(
    [
        (PageCatalog.Checkout, CheckoutShareOfErrors), (PageCatalog.Cart, 0.10), (PageCatalog.SearchPath, 0.08), ("/account", 0.08),
        (PageCatalog.Home, 0.12), (string.Empty, 0.50), // empty: the product page the visitor is on (or a popular one)
    ]);

    private static readonly string[] Experiments = ["checkout-v2:control", "checkout-v2:treatment", "search-ranking:b"];

    private readonly Random _random;

    public EventFactory(Random random) => _random = random;

    public ActivityEvent Next(Visit visit, DateTimeOffset time)
    {
        var type = visit.Count == 0 || visit.User.Agent.IsBot ? EventTypes.PageView : Types.Next(_random);
        return type switch
        {
            EventTypes.PageView => PageView(visit, time),
            EventTypes.Click => Build(visit, time, EventTypes.Click, visit.CurrentPath, visit.CurrentUrl) with { ElementId = ClickTargets.Next(_random) },
            EventTypes.Search => Search(visit, time),
            EventTypes.AddToCart => AddToCart(visit, time),
            EventTypes.Purchase => Purchase(visit, time),
            _ => Error(visit, time),
        };
    }

    /// <summary>The anomaly's event: the payment provider timing out on /checkout.</summary>
    public ActivityEvent CheckoutOutage(Visit visit, DateTimeOffset time) =>
        Build(visit, time, EventTypes.Error, PageCatalog.Checkout, PageCatalog.Origin + PageCatalog.Checkout) with
        {
            ErrorCode = 503,
            ErrorMessage = "Payment provider timed out",
        };

    private ActivityEvent PageView(Visit visit, DateTimeOffset time)
    {
        var path = PageCatalog.Pages.Next(_random);
        var url = PageCatalog.Origin + (path == PageCatalog.SearchPath ? SearchUrl(PageCatalog.Queries.Next(_random)) : path);
        var pageUrl = url;
        string? referrer;
        if (visit.Count == 0)
        {
            var source = TrafficSources.Table.Next(_random);
            referrer = source.Referrer;
            if (source.Campaign is not null && _random.NextDouble() < source.CampaignShare)
            {
                url += (url.Contains('?', StringComparison.Ordinal) ? '&' : '?') + source.Campaign;
            }
        }
        else
        {
            referrer = visit.CurrentUrl;
        }

        // Now and then a page URL leaks personal data (a sign-in link, a tracking email): the pipeline must strip it.
        if (_random.NextDouble() < 0.004)
        {
            url += (url.Contains('?', StringComparison.Ordinal) ? '&' : '?') + SensitiveParameter(visit);
        }

        visit.CurrentPath = path;
        visit.CurrentUrl = pageUrl;
        return Build(visit, time, EventTypes.PageView, path, url) with
        {
            Referrer = referrer,
            LoadTimeMs = _random.NextDouble() < 0.5 ? 80 + (int)(-Math.Log(1 - _random.NextDouble()) * 600) : null,
        };
    }

    private ActivityEvent Search(Visit visit, DateTimeOffset time)
    {
        var query = PageCatalog.Queries.Next(_random);
        visit.CurrentPath = PageCatalog.SearchPath;
        visit.CurrentUrl = PageCatalog.Origin + SearchUrl(query);
        return Build(visit, time, EventTypes.Search, PageCatalog.SearchPath, visit.CurrentUrl) with
        {
            Query = query,
            Results = _random.NextDouble() < 0.08 ? 0 : _random.Next(1, 240),
        };
    }

    private ActivityEvent AddToCart(Visit visit, DateTimeOffset time)
    {
        var product = PageCatalog.Products.Next(_random);
        var quantity = _random.NextDouble() < 0.85 ? 1 : _random.Next(2, 4);
        var currency = Currency.For(visit.User.UtcOffset);
        var price = currency.Convert(PageCatalog.Price(product));
        visit.CurrentPath = PageCatalog.ProductPath(product);
        visit.CurrentUrl = PageCatalog.Origin + visit.CurrentPath;
        visit.CartItems += quantity;
        visit.CartValue += price * quantity;
        return Build(visit, time, EventTypes.AddToCart, visit.CurrentPath, visit.CurrentUrl) with
        {
            ProductId = product.ToString(CultureInfo.InvariantCulture),
            Price = price,
            Quantity = quantity,
            Currency = currency.Code,
        };
    }

    private ActivityEvent Purchase(Visit visit, DateTimeOffset time)
    {
        var currency = Currency.For(visit.User.UtcOffset);
        var amount = visit.CartValue > 0 ? visit.CartValue : currency.Convert(PageCatalog.Price(PageCatalog.Products.Next(_random)));
        var items = Math.Max(1, visit.CartItems);
        visit.CartItems = 0;
        visit.CartValue = 0;
        visit.CurrentPath = PageCatalog.Checkout;
        visit.CurrentUrl = PageCatalog.Origin + PageCatalog.Checkout;
        return Build(visit, time, EventTypes.Purchase, PageCatalog.Checkout, visit.CurrentUrl) with
        {
            OrderId = RandomIds.OrderId(_random, time),
            Amount = amount,
            Currency = currency.Code,
            Items = items,
        };
    }

    private ActivityEvent Error(Visit visit, DateTimeOffset time)
    {
        var (code, message) = Errors.Next(_random);
        var path = ErrorPaths.Next(_random);
        if (path.Length == 0)
        {
            path = visit.CurrentPath.StartsWith("/products/", StringComparison.Ordinal)
                ? visit.CurrentPath
                : PageCatalog.ProductPath(PageCatalog.Products.Next(_random));
        }

        return Build(visit, time, EventTypes.Error, path, PageCatalog.Origin + path) with { ErrorCode = code, ErrorMessage = message };
    }

    private ActivityEvent Build(Visit visit, DateTimeOffset time, string type, string path, string? url)
    {
        var user = visit.User;
        var style = NextStyle(user.UtcOffset);
        // The record carries milliseconds at most (seconds for IsoSeconds); the truth must match what is written.
        var precision = style == TimestampStyle.IsoSeconds ? TimeSpan.TicksPerSecond : TimeSpan.TicksPerMillisecond;
        return new ActivityEvent
        {
            Type = type,
            Time = new DateTimeOffset(time.UtcTicks - (time.UtcTicks % precision), TimeSpan.Zero),
            UtcOffset = user.UtcOffset,
            Style = style,
            UserId = user.UserId,
            AnonymousId = user.UserId is null || visit.SendsAnonymousId ? user.AnonymousId : null,
            KeyUtf8 = user.KeyUtf8,
            EventId = _random.NextDouble() < 0.97 ? RandomIds.Uuid(_random) : null,
            SessionId = visit.SessionId,
            Path = path,
            Url = url,
            UserAgent = _random.NextDouble() < 0.99 ? user.Agent.Header : null,
            Ip = _random.NextDouble() < 0.98 ? user.Ip : null,
            AppVersion = user.Agent.IsMobileApp ? "5.12.0" : null,
            Experiment = _random.NextDouble() < 0.05 ? Experiments[_random.Next(Experiments.Length)] : null,
        };
    }

    private TimestampStyle NextStyle(TimeSpan offset)
    {
        var r = _random.NextDouble();
        return r switch
        {
            < 0.30 => TimestampStyle.EpochMilliseconds,
            < 0.35 => TimestampStyle.IsoSeconds,
            < 0.65 when offset == TimeSpan.Zero => TimestampStyle.IsoUtc,
            _ => TimestampStyle.IsoWithOffset,
        };
    }

    private string SensitiveParameter(Visit visit) =>
        _random.NextDouble() < 0.5
            ? "email=" + (visit.User.UserId ?? "guest") + (_random.NextDouble() < 0.7 ? "%40" : "@") + "mail.example.com"
            : "token=" + RandomIds.Hex(_random, 32);

    private static string SearchUrl(string query) => PageCatalog.SearchPath + "?q=" + Uri.EscapeDataString(query).Replace("%20", "+", StringComparison.Ordinal);
}
