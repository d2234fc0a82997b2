using System.Globalization;
using System.Text;
using Aggregator.Benchmarks.Infrastructure;

namespace Aggregator.Benchmarks.Suites;

/// <summary>
/// The levers' runs (<see cref="Lever"/>): their own figures, and per repeat their ratio to the baseline run of the same
/// repeat (rates: above 1 is faster; CPU per event: below 1 is cheaper). Renders the before/after table.
/// </summary>
internal sealed class LeverFigures
{
    private readonly Dictionary<string, (Lever Lever, SteadyStateFigures Figures, Samples Refined, Samples Counts, Samples Cpu)> _levers = new(StringComparer.Ordinal);

    public SteadyStateFigures For(Lever lever)
    {
        if (!_levers.TryGetValue(lever.Name, out var entry))
        {
            _levers[lever.Name] = entry = (lever, new SteadyStateFigures(), new Samples(), new Samples(), new Samples());
        }

        return entry.Figures;
    }

    public void Compare(Lever lever, (double Refined, double Counts, double CpuUs) run, (double Refined, double Counts, double CpuUs) baseline)
    {
        var entry = _levers[lever.Name];
        Add(entry.Refined, run.Refined / baseline.Refined);
        Add(entry.Counts, run.Counts / baseline.Counts);
        Add(entry.Cpu, run.CpuUs / baseline.CpuUs);
    }

    public string Render(BenchOptions options)
    {
        if (_levers.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("## 3. Levers, each beside the baseline of the same repeat");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Each lever runs the same {options.Events:N0} events on a fresh application right after that repeat's baseline run (section 1), with only its settings changed. ");
        text.AppendLine("Ratios are to the baseline of the same repeat: rates above 1 are faster, CPU per event below 1 is cheaper.");
        text.AppendLine();
        text.AppendLine("| lever | settings | raw → refined, events/s | raw → counts exact, events/s | CPU µs/event | refined rate × baseline | counts rate × baseline | CPU/event × baseline |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var (name, (lever, figures, refined, counts, cpu)) in _levers)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {lever.Describe()} | {figures.Get("refined-rate").Format("N0")} | {figures.Get("counts-rate").Format("N0")} | {figures.Get("cpu-us").Format("N1")} | {refined.Format("N2")} | {counts.Format("N2")} | {cpu.Format("N2")} |");
        }

        return text.ToString();
    }

    private static void Add(Samples samples, double value)
    {
        if (!double.IsNaN(value) && !double.IsInfinity(value))
        {
            samples.Add(value);
        }
    }
}
