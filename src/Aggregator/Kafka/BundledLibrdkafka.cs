using System.Reflection;
using System.Runtime.InteropServices;

namespace Aggregator.Kafka;

/// <summary>
/// Makes Confluent.Kafka (and our mock-cluster binding) use the librdkafka shipped in the librdkafka.redist package,
/// whatever else the machine has installed.
/// </summary>
/// <remarks>
/// Why by hand: left to itself, Confluent.Kafka tries the process's default search first, so a system
/// <c>librdkafka.so</c> (Debian's librdkafka-dev, 2.0.2) wins and the first Consume fails with
/// EntryPointNotFoundException (rd_kafka_topic_partition_get_leader_epoch). Its loader also P/Invokes "libdl",
/// which Debian 12 ships only as libdl.so.2. And of the package's linux-x64 builds, <c>librdkafka.so</c> needs
/// libsasl2.so.3 (absent on Debian 12) while <c>centos8-librdkafka.so</c> does not.
/// </remarks>
internal static class BundledLibrdkafka
{
    private static readonly Lock Gate = new();
    private static IntPtr _handle;

    /// <summary>Full path of the librdkafka that was loaded.</summary>
    public static string? LoadedFrom { get; private set; }

    /// <summary>The handle our own LibraryImport bindings (the embedded broker) use.</summary>
    internal static IntPtr Handle
    {
        get
        {
            EnsureLoaded();
            return _handle;
        }
    }

    /// <summary>Loads the bundled library once; safe to call from anywhere, any number of times.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_handle != IntPtr.Zero)
            {
                return;
            }

            NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, ResolveForConfluent);
            NativeLibrary.SetDllImportResolver(typeof(BundledLibrdkafka).Assembly, ResolveForOwnBindings);
            var failures = new List<string>();
            foreach (var candidate in Candidates())
            {
                if (!File.Exists(candidate))
                {
                    continue;
                }

                if (!NativeLibrary.TryLoad(candidate, out var handle))
                {
                    failures.Add(candidate);
                    continue;
                }

                // Confluent's DllImports of "librdkafka" (and its variants) resolve to this handle from here on.
                _handle = handle;
                LoadedFrom = candidate;
                Confluent.Kafka.Library.Load(candidate);
                return;
            }

            throw new DllNotFoundException(
                "The librdkafka bundled with the application (librdkafka.redist) could not be loaded" +
                (failures.Count > 0 ? $" (present but failed: {string.Join(", ", failures)})" : $" (none found under {AppContext.BaseDirectory})") +
                ". Rebuild or republish the application.");
        }
    }

    /// <summary>Where a framework-dependent build (runtimes/RID/native) or a RID-specific publish (flat) puts it.</summary>
    internal static IEnumerable<string> Candidates()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        string[] files = OperatingSystem.IsLinux()
            ? IsMusl() ? ["alpine-librdkafka.so", "librdkafka.so"] : ["librdkafka.so", "centos8-librdkafka.so"]
            : OperatingSystem.IsMacOS() ? ["librdkafka.dylib"] : ["librdkafka.dll"];
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "osx" : "win";
        var directories = new[]
        {
            Path.Combine(AppContext.BaseDirectory, "runtimes", $"{os}-{arch}", "native"),
            Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native"),
            AppContext.BaseDirectory,
        };
        return directories.Distinct(StringComparer.Ordinal).SelectMany(directory => files.Select(file => Path.Combine(directory, file)));
    }

    private static bool IsMusl() => File.Exists("/lib/ld-musl-x86_64.so.1") || File.Exists("/lib/ld-musl-aarch64.so.1");

    private static IntPtr ResolveForConfluent(string name, Assembly assembly, DllImportSearchPath? searchPath) => name switch
    {
        "librdkafka" or "centos8-librdkafka" or "alpine-librdkafka" => _handle,
        "libdl" when OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libdl.so.2", out var dl) => dl,
        _ => IntPtr.Zero,
    };

    private static IntPtr ResolveForOwnBindings(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == MockClusterInterop.Library ? Handle : IntPtr.Zero;
}
