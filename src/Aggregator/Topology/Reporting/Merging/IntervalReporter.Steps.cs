using System.Globalization;
using Aggregator.Reports;

namespace Aggregator.Topology.Reporting.Merging;

/// <summary>What becomes of one interval: a summary, or a fold into the catch-up; and what is kept of it.</summary>
internal sealed partial class IntervalReporter
{
    public void Restore(MergerKey key, byte[] value)
    {
        switch (key.Kind, key.Name)
        {
            case (MergerKeyKind.Partial, _):
                _partials.Restore(ReportPartial.FromUtf8Json(value));
                break;
            case (MergerKeyKind.Setting, MergerKey.Settings.ReportedThrough):
                _reportedThrough = StoreValues.ReadLong(value);
                break;
            case (MergerKeyKind.Setting, MergerKey.Settings.Previous):
                _previous = IntervalReport.FromUtf8Json(value);
                break;
            case (MergerKeyKind.Setting, MergerKey.Settings.CaughtUp):
                _caughtUp = CatchUp.FromUtf8Json(value);
                break;
        }
    }

    private void Report(long start, long end)
    {
        var report = ReportMerger.Merge(start, end, _partials.Take(start));
        var expected = _completeness.Partitions;
        var missing = new string[_missing.Count];
        for (var i = 0; i < missing.Length; i++)
        {
            missing[i] = _missing[i].ToString(CultureInfo.InvariantCulture);
        }

        var footer = new TrustFooter
        {
            SourcesExpected = expected,
            SourcesReported = expected - missing.Length,
            MissingPartitions = missing,
            MaxLag = _settings.Health.MaxLag,
            RestoringPartitions = _settings.Health.RestoringPartitions,
        };
        _outbox.Enqueue(SummaryMessageBuilder.Build(report, _previous, footer, _settings.Summary, _caughtUp));
        _settings.Metrics.ReportSent();
        _previous = report;
        _caughtUp = null;
    }

    private void Fold(long start, long end)
    {
        var partials = _partials.Take(start);
        if (partials.Count == 0)
        {
            // Silent interval: no sketch to merge (16 KiB each), and the next summary compares with an empty one.
            _caughtUp = CatchUp.Fold(_caughtUp, start, end, 0, 0);
            _previous = new IntervalReport { IntervalStart = start, IntervalEnd = end };
            return;
        }

        var report = ReportMerger.Merge(start, end, partials);
        _caughtUp = CatchUp.Fold(_caughtUp, start, end, report.Events, report.Errors);
        _previous = report;
    }

    /// <summary>Once per call, not per interval: a backlog folds thousands of intervals in one go.</summary>
    private void Persist(bool foldedLast)
    {
        _store.Put(MergerKey.Setting(MergerKey.Settings.ReportedThrough).Encode(), StoreValues.Long(_reportedThrough));
        if (_previous is not null)
        {
            _store.Put(MergerKey.Setting(MergerKey.Settings.Previous).Encode(), _previous.ToUtf8Json());
        }

        var caughtUpKey = MergerKey.Setting(MergerKey.Settings.CaughtUp).Encode();
        if (foldedLast && _caughtUp is not null)
        {
            _store.Put(caughtUpKey, _caughtUp.ToUtf8Json());
        }
        else if (_caughtUp is null)
        {
            _store.Delete(caughtUpKey);
        }
    }
}
