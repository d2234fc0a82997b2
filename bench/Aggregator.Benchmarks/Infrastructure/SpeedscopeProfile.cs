using System.Text.Json;

namespace Aggregator.Benchmarks.Infrastructure;

/// <summary>
/// Where one thread's time went, read from a <c>dotnet-trace convert --format speedscope</c> file (evented profiles:
/// an open and a close event per frame, per thread). Written here because no served library reads speedscope files.
/// </summary>
/// <param name="Thread">The profile's name (speedscope names a thread "Thread (id)").</param>
/// <param name="Span">The thread's profiled time (milliseconds).</param>
/// <param name="Inclusive">Per frame, the time it was anywhere on the stack (recursion counted once).</param>
/// <param name="Exclusive">Per frame, the time it was the top of the stack (a state pseudo-frame counts for its caller).</param>
/// <param name="States">Per state pseudo-frame (<see cref="StateFrames"/>), the time it was on top.</param>
internal sealed record SpeedscopeProfile(
    string Thread, double Span, IReadOnlyDictionary<string, double> Inclusive, IReadOnlyDictionary<string, double> Exclusive, IReadOnlyDictionary<string, double> States)
{
    /// <summary>The leaves dotnet-trace's sampled thread time adds to say what the thread was doing: running managed code, or in native code / waiting.</summary>
    public static readonly IReadOnlySet<string> StateFrames = new HashSet<string>(StringComparer.Ordinal) { "CPU_TIME", "UNMANAGED_CODE_TIME" };

    /// <summary>The busiest thread of the file: the one with the most events (the stream thread, in a worker's burst).</summary>
    public static SpeedscopeProfile BusiestThread(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var frames = root.GetProperty("shared").GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("name").GetString() ?? "?").ToArray();
        var busiest = root.GetProperty("profiles").EnumerateArray()
            .Where(p => p.GetProperty("type").GetString() == "evented")
            .MaxBy(p => p.GetProperty("events").GetArrayLength());
        if (busiest.ValueKind == JsonValueKind.Undefined)
        {
            throw new InvalidDataException($"{path}: no evented profile");
        }

        return Sum(busiest, frames);
    }

    private static SpeedscopeProfile Sum(JsonElement profile, string[] frames)
    {
        var inclusive = new Dictionary<string, double>(StringComparer.Ordinal);
        var exclusive = new Dictionary<string, double>(StringComparer.Ordinal);
        var states = new Dictionary<string, double>(StringComparer.Ordinal);
        var onStack = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<(string Frame, double OpenedAt)>();
        var last = profile.GetProperty("startValue").GetDouble();
        foreach (var item in profile.GetProperty("events").EnumerateArray())
        {
            var at = item.GetProperty("at").GetDouble();
            var frame = frames[item.GetProperty("frame").GetInt32()];
            if (stack.Count > 0)
            {
                var top = stack[^1].Frame;
                var state = StateFrames.Contains(top);
                if (state)
                {
                    states[top] = states.GetValueOrDefault(top) + (at - last);
                }

                var owner = state && stack.Count > 1 ? stack[^2].Frame : top;
                exclusive[owner] = exclusive.GetValueOrDefault(owner) + (at - last);
            }

            last = at;
            if (item.GetProperty("type").GetString() == "O")
            {
                stack.Add((frame, at));
                onStack[frame] = onStack.GetValueOrDefault(frame) + 1;
                continue;
            }

            if (stack.Count == 0)
            {
                continue;
            }

            var opened = stack[^1];
            stack.RemoveAt(stack.Count - 1);

            // Only the outermost activation of a recursive frame adds its time.
            if ((onStack[opened.Frame] -= 1) == 0)
            {
                inclusive[opened.Frame] = inclusive.GetValueOrDefault(opened.Frame) + (at - opened.OpenedAt);
            }
        }

        var span = profile.GetProperty("endValue").GetDouble() - profile.GetProperty("startValue").GetDouble();
        return new SpeedscopeProfile(profile.GetProperty("name").GetString() ?? "?", span, inclusive, exclusive, states);
    }
}
