using System.Globalization;
using System.Text;
using Aggregator.Benchmarks.Infrastructure;

namespace Aggregator.Benchmarks.Suites;

/// <summary>
/// <c>--profile</c>: a burst into a fresh application, traced with <c>dotnet-trace</c> (sampled thread time) while it
/// runs, and the stream thread's top frames (issue 15: "the profile that explains every microsecond"), written as its
/// own section of the results file. A run of its own: tracing slows the worker, so no other figure comes from it.
/// </summary>
internal static class ProfileSuite
{
    private const int TopInclusive = 18;
    private const int TopExclusive = 20;
    // Frames on the stack nearly all the time (thread start, the stream thread's loop) say nothing.
    private const double RootShare = 0.97;
    private static readonly TimeSpan TraceFor = TimeSpan.FromSeconds(15);
    private static readonly string[] Plumbing = [".Forward(", "MeasureLatency", "<>c__DisplayClass", "KStreamPAPI", "AbstractProcessor", "SourceProcessor", "KStreamTransformer", "KStreamFilter", "KStreamMap", "KStreamPeek", "KStreamBranch"];
    private static readonly TimeSpan AttachTime = TimeSpan.FromSeconds(3);

    public static async Task<string> RunAsync(BenchContext context)
    {
        var text = new StringBuilder("## Where the stream thread's time goes (`--profile`)\n\n");
        var tool = DotnetTrace.Locate();
        if (tool is null)
        {
            return text.Append(CultureInfo.InvariantCulture, $"Not profiled: `dotnet-trace` is not installed (`{DotnetTrace.InstallHint}`).\n").ToString();
        }

        var options = context.Options;
        var data = RawData.Generate(options.Events, options.Span, options.MaxDelay);
        var app = AppRun.Create(context.Broker, "profile", options.Partitions, context.NewDirectory("state"));
        await using var worker = WorkerProcess.Start(app.Settings, Path.Combine(context.NewDirectory("log"), "worker.log"));
        if (await SteadyStateSuite.WaitReadyAsync(worker, app.ExpectedTasks, restore: null) is null)
        {
            throw new InvalidOperationException($"the profiled worker was not ready: {worker.Tail()}");
        }

        var trace = DotnetTrace.CollectAsync(tool, worker.Pid, TraceFor, context.NewDirectory("trace"));
        await Task.Delay(AttachTime); // the tracing session starts before the burst lands
        data.ProduceTo(context.Broker, app.Raw);
        context.Log($"profile: produced {data.Count:N0}, tracing the worker for {TraceFor.TotalSeconds:F0} s");
        var profile = SpeedscopeProfile.BusiestThread(await trace);
        await worker.StopAsync(TimeSpan.FromSeconds(45));
        return Render(text, profile, data.Count);
    }

    private static string Render(StringBuilder text, SpeedscopeProfile profile, int events)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"`./build.sh bench --profile` at {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {MachineFacts.Commit()}, load average {MachineFacts.LoadAverage()}. ");
        text.AppendLine(CultureInfo.InvariantCulture, $"`dotnet-trace collect --profile dotnet-sampled-thread-time` on a fresh worker for {TraceFor.TotalSeconds:F0} s from {AttachTime.TotalSeconds:F0} s before a burst of {events:N0} events lands (the same kind of burst as section 1, its own run: tracing slows the worker). ");
        text.AppendLine(CultureInfo.InvariantCulture, $"The busiest thread (`{profile.Thread}`, the stream thread) over {profile.Span / 1000:F1} s of wall time: running managed code {Share(profile, "CPU_TIME")}, in native code or waiting {Share(profile, "UNMANAGED_CODE_TIME")} (dotnet-trace's state pseudo-frames). Shares are of that wall time.");
        text.AppendLine();
        text.AppendLine("**Self time** (the frame on top of the stack; native calls and waits count for the managed frame that made them):");
        text.AppendLine();
        text.AppendLine("| frame | share |");
        text.AppendLine("|---|---|");
        foreach (var (frame, time) in profile.Exclusive.OrderByDescending(f => f.Value).Take(TopExclusive))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {Name(frame)} | {time / profile.Span:P1} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"**Inclusive time** (anywhere on the stack), leaving out frames on it over {RootShare:P0} of the time (thread start, the run loop) and Streamiz's record-passing plumbing (`Forward`, `MeasureLatency`, its closures and generic processor wrappers), which contains everything below it:");
        text.AppendLine();
        text.AppendLine("| frame | share |");
        text.AppendLine("|---|---|");
        foreach (var (frame, time) in profile.Inclusive
            .Where(f => f.Value / profile.Span < RootShare && !SpeedscopeProfile.StateFrames.Contains(f.Key) && !Plumbing.Any(p => f.Key.Contains(p, StringComparison.Ordinal)))
            .OrderByDescending(f => f.Value).Take(TopInclusive))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {Name(frame)} | {time / profile.Span:P1} |");
        }

        return text.ToString();
    }

    private static string Share(SpeedscopeProfile profile, string state) =>
        (profile.States.GetValueOrDefault(state) / profile.Span).ToString("P1", CultureInfo.InvariantCulture);

    // Long generic names would break the table; pipes would split it.
    private static string Name(string frame)
    {
        const int MaxLength = 140;
        var name = frame.Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
        return "`" + (name.Length > MaxLength ? name[..MaxLength] + "…" : name) + "`";
    }
}
