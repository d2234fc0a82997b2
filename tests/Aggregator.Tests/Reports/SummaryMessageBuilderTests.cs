using Aggregator.Reports;
using Aggregator.Slack;
using static Aggregator.Tests.Reports.ReportTestData;
using static Aggregator.Tests.Reports.SummaryExamples;

namespace Aggregator.Tests.Reports;

public sealed class SummaryMessageBuilderTests
{
    private static readonly SummaryOptions Options = new();

    private static SlackMessage Build(IntervalReport current, IntervalReport? previous = null, TrustFooter? footer = null) =>
        SummaryMessageBuilder.Build(current, previous, footer ?? Footer, Options);

    [Fact]
    public void IdKindAndHeader_NameTheInterval()
    {
        var message = Build(Current, Previous);
        var json = BlockKitJson.Parse(message);

        Assert.Equal("summary:2026-11-21T10:00Z", message.Id);
        Assert.Equal(SlackMessageKind.Summary, message.Kind);
        Assert.Equal(("header", "📊 Activity 10:00–10:10 UTC, Sat 21 Nov"), (json.Blocks[0].Type, json.Blocks[0].Texts[0]));
        Assert.Equal(message.Id, Build(Current with { Events = 1 }, null).Id); // the id depends on the interval only
    }

    [Fact]
    public void Headline_HasTotalChangeUsersAndErrors()
    {
        var json = BlockKitJson.Parse(Build(Current, Previous));

        Assert.Equal(
            "*12,345* events (+12% vs 09:50–10:00) · *≈1,234* unique users (approx.) · *42* errors (0.34% of events)",
            json.Section("*12,345*"));
    }

    [Fact]
    public void Fallback_SummarisesWithoutMarkup()
    {
        var message = Build(Current, Previous);

        Assert.Equal("Activity 10:00–10:10 UTC, Sat 21 Nov: 12,345 events (+12%), ≈1,234 unique users, 42 errors", message.Text);
        Assert.Equal(message.Text, BlockKitJson.Parse(message).Text);
    }

    [Fact]
    public void FirstReport_SaysSo_AndShowsNoChanges()
    {
        var json = BlockKitJson.Parse(Build(Current));

        Assert.StartsWith("*12,345* events (first report) · ", json.Section("*12,345*"), StringComparison.Ordinal);
        Assert.DoesNotContain("(+", json.Section("*Top pages"), StringComparison.Ordinal);
        Assert.DoesNotContain(json.AllTexts, t => t.StartsWith("*Biggest movers*", StringComparison.Ordinal));
    }

    [Fact]
    public void PreviousWithoutEvents_IsNotAPercentage()
    {
        var json = BlockKitJson.Parse(Build(Current, Previous with { Events = 0 }));

        Assert.StartsWith("*12,345* events (none in 09:50–10:00) · ", json.Section("*12,345*"), StringComparison.Ordinal);
    }

    [Fact]
    public void EventsByType_AreFields_MostFrequentFirst()
    {
        var json = BlockKitJson.Parse(Build(Current, Previous));
        var section = json.Blocks.Single(b => b.Texts.Count > 0 && b.Texts[0] == "*Events by type*");

        Assert.Equal(
            [
                "*Events by type*",
                "*page_view*\n8,000 · 65%",
                "*click*\n2,500 · 20%",
                "*search*\n1,200 · 9.7%",
                "*add_to_cart*\n400 · 3.2%",
                "*purchase*\n203 · 1.6%",
                "*error*\n42 · 0.34%",
            ],
            section.Texts);
    }

    [Fact]
    public void TopPages_AreTheFiveMostViewed_TiesByPath_WithTheirChange()
    {
        var json = BlockKitJson.Parse(Build(Current, Previous));

        Assert.Equal(
            """
            *Top pages by views*
            1. `/products/42` — 1,234 (+5%)
            2. `/` — 1,000 (new)
            3. `/search` — 900 (-25%)
            4. `/cart` — 480 (±0%)
            5. `/checkout` — 480 (+300%)
            """.ReplaceLineEndings("\n"),
            json.Section("*Top pages"));
    }

    [Fact]
    public void TopPages_MentionViewsPastTheTrackingLimit()
    {
        var json = BlockKitJson.Parse(Build(Current with { OtherPageViews = 2_500 }));

        Assert.EndsWith("\n_plus 2,500 views of pages past the per-task tracking limit_", json.Section("*Top pages"), StringComparison.Ordinal);
    }

    [Fact]
    public void Movers_AreTheLargestNotableChanges()
    {
        var json = BlockKitJson.Parse(Build(Current, Previous));

        // /search (-300, -25%) and /products/42 (+59) are below the thresholds.
        Assert.Equal(
            """
            *Biggest movers* (vs 09:50–10:00)
            ▲ `/` 0 → 1,000 (new)
            ▼ `/old` 500 → 0 (-100%)
            ▲ `/checkout` 120 → 480 (+300%)
            """.ReplaceLineEndings("\n"),
            json.Section("*Biggest movers*"));
    }

    [Fact]
    public void Movers_SectionIsLeftOut_WhenNothingMoved()
    {
        var json = BlockKitJson.Parse(Build(Current, Current with { IntervalStart = T10 - (10 * Minute), IntervalEnd = T10 }));

        Assert.DoesNotContain(json.AllTexts, t => t.StartsWith("*Biggest movers*", StringComparison.Ordinal));
    }

    [Fact]
    public void Volume_IsASparklineWithMinAndMax()
    {
        var json = BlockKitJson.Parse(Build(Current, Previous));

        Assert.Equal("*Events per minute* `▅▅▆█▆▆▆▅▅▅` min 1,020 at 10:00 · max 1,845 at 10:03", json.Section("*Events per minute*"));
    }

    [Fact]
    public void Footer_ShowsTheTrustCounters()
    {
        var json = BlockKitJson.Parse(Build(Current, Previous));

        Assert.Equal("divider", json.Blocks[^2].Type);
        Assert.Equal(
            [
                "6/6 partitions reported", "late dropped: 12", "DLQ: 3", "opted-out dropped: 40", "duplicates removed: 7",
                "max consumer lag: 1,234", "no partition restoring",
            ],
            json.TextsOf("context"));
    }

    [Fact]
    public void Footer_FlagsRestoringPartitions_AndUnknownLag()
    {
        var footer = new TrustFooter { SourcesExpected = 6, RestoringPartitions = ["activity.raw-2", "activity.raw-5"] };

        var context = BlockKitJson.Parse(Build(Current, Previous, footer)).TextsOf("context");

        Assert.Contains("max consumer lag: unknown", context);
        Assert.Contains("⚠ *restoring: activity.raw-2, activity.raw-5*", context);
    }

    [Fact]
    public void MissingSources_AreSaidProminently()
    {
        var report = Current with { Sources = ["0_0", "0_1", "0_2", "0_3"] };

        var message = Build(report, Previous);
        var json = BlockKitJson.Parse(message);

        Assert.Equal("⚠ *Only 4/6 partitions reported* — the numbers below are incomplete.", json.Blocks[1].Texts[0]);
        Assert.Contains("⚠ *4/6 partitions reported*", json.TextsOf("context"));
        Assert.StartsWith("⚠ Only 4/6 partitions reported. Activity 10:00–10:10 UTC", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AllSourcesReported_NoWarning()
    {
        var json = BlockKitJson.Parse(Build(Current, Previous));

        Assert.DoesNotContain(json.AllTexts, t => t.Contains('⚠', StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownExpectedSources_JustCountsThem()
    {
        var context = BlockKitJson.Parse(Build(Current, Previous, new TrustFooter())).TextsOf("context");

        Assert.Equal("6 partitions reported", context[0]);
    }

    [Fact]
    public void SilentInterval_HasTheBanner_AndNoEmptySections()
    {
        var silent = ReportMerger.Merge(T10, T10 + (10 * Minute), []);

        var message = Build(silent, Previous);
        var json = BlockKitJson.Parse(message);

        Assert.Contains("⚠ *No events received in this interval — check the pipeline*", json.TextsOf("section"));
        Assert.StartsWith("*0* events (-100% vs 09:50–10:00) · *≈0* unique users (approx.) · *0* errors", json.Section("*0*"), StringComparison.Ordinal);
        Assert.DoesNotContain(json.AllTexts, t => t.StartsWith("*Top pages", StringComparison.Ordinal) || t.StartsWith("*Events", StringComparison.Ordinal));
        Assert.Contains("⚠ *Only 0/6 partitions reported*", json.Blocks[1].Texts[0], StringComparison.Ordinal);
        Assert.Contains("⚠ No events received in this interval — check the pipeline. ", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void DataValues_AreEscaped_SoTheyCannotPingOrLink()
    {
        var report = Current with { PageViews = new Dictionary<string, long> { ["/<!channel>"] = 5 } };

        var json = SlackMessageJson.ToWebhookJson(Build(report));

        Assert.DoesNotContain("<!channel>", json, StringComparison.Ordinal);
        Assert.Contains("`/&lt;!channel&gt;`", json, StringComparison.Ordinal);
    }

    [Fact]
    public void TextRendering_ReadsWell()
    {
        var text = SlackTextRenderer.Render(Build(Current, Previous));

        Assert.StartsWith("📊 Activity 10:00–10:10 UTC, Sat 21 Nov\n", text, StringComparison.Ordinal);
        Assert.Contains("\n*12,345* events (+12% vs 09:50–10:00) · *≈1,234* unique users (approx.) · *42* errors (0.34% of events)\n", text, StringComparison.Ordinal);
        Assert.Contains("\n  page_view    8,000 · 65%\n", text, StringComparison.Ordinal);
        Assert.Contains("\n1. `/products/42` — 1,234 (+5%)\n", text, StringComparison.Ordinal);
        Assert.Contains("\n▲ `/checkout` 120 → 480 (+300%)\n", text, StringComparison.Ordinal);
        Assert.EndsWith(
            "» 6/6 partitions reported · late dropped: 12 · DLQ: 3 · opted-out dropped: 40 · duplicates removed: 7 · max consumer lag: 1,234 · no partition restoring",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void TopPagesOption_LimitsTheList()
    {
        var message = SummaryMessageBuilder.Build(Current, Previous, Footer, new SummaryOptions { TopPages = 2, Movers = 0 });
        var json = BlockKitJson.Parse(message);

        Assert.Equal(3, json.Section("*Top pages").Split('\n').Length);
        Assert.DoesNotContain(json.AllTexts, t => t.StartsWith("*Biggest movers*", StringComparison.Ordinal));
    }
}
