namespace Aggregator.Demo;

/// <summary>The currency a shopper pays in, from their time zone; prices are kept in USD and converted.</summary>
internal sealed record Currency(string Code, decimal PerUsd, int Decimals)
{
    private static readonly Currency Usd = new("USD", 1m, 2);
    private static readonly Currency Eur = new("EUR", 0.95m, 2);
    private static readonly Currency Gbp = new("GBP", 0.79m, 2);
    private static readonly Currency Krw = new("KRW", 1400m, 0);
    private static readonly Currency Inr = new("INR", 84m, 2);

    public static Currency For(TimeSpan utcOffset) => utcOffset.TotalHours switch
    {
        9 => Krw,
        0 => Gbp,
        1 => Eur,
        5.5 => Inr,
        _ => Usd,
    };

    public decimal Convert(decimal usd) => Math.Round(usd * PerUsd, Decimals, MidpointRounding.AwayFromZero);
}
