using System.Text;

namespace Aggregator.Hosting.Metrics;

/// <summary>
/// The labels of one series, sorted by name, with their exposition text (<c>a="x",b="y"</c>, no braces)
/// rendered once: equality is on that text, so tag sets that print the same are the same series.
/// </summary>
internal sealed class LabelSet : IEquatable<LabelSet>, IComparable<LabelSet>
{
    private readonly Label[] _labels;

    private LabelSet(Label[] labels, string text)
    {
        _labels = labels;
        Text = text;
    }

    public static LabelSet Empty { get; } = new([], string.Empty);

    public IReadOnlyList<Label> Labels => _labels;

    /// <summary>The labels as written inside <c>{}</c>; empty when there are none.</summary>
    public string Text { get; }

    /// <summary>A set from labels that already have unique, valid names; sorts them by name.</summary>
    public static LabelSet Create(IEnumerable<Label> labels)
    {
        var sorted = labels.OrderBy(label => label.Name, StringComparer.Ordinal).ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        var text = new StringBuilder();
        foreach (var label in sorted)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(label.Name).Append("=\"").Append(PrometheusFormat.EscapeLabelValue(label.Value)).Append('"');
        }

        return new LabelSet(sorted, text.ToString());
    }

    /// <summary>Orders label by label (name, then value), a shorter prefix first.</summary>
    public int CompareTo(LabelSet? other)
    {
        if (other is null)
        {
            return 1;
        }

        var count = Math.Min(_labels.Length, other._labels.Length);
        for (var i = 0; i < count; i++)
        {
            var byName = string.CompareOrdinal(_labels[i].Name, other._labels[i].Name);
            if (byName != 0)
            {
                return byName;
            }

            var byValue = string.CompareOrdinal(_labels[i].Value, other._labels[i].Value);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return _labels.Length.CompareTo(other._labels.Length);
    }

    public bool Equals(LabelSet? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as LabelSet);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public override string ToString() => "{" + Text + "}";
}
