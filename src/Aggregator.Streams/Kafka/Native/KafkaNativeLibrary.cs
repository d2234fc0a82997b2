using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Aggregator.Streams.Kafka.Native;

/// <summary>
/// The one place that decides which native librdkafka Confluent.Kafka (and our own mock-cluster
/// binding) talk to. Moving to the real librdkafka.redist package later means deleting this file.
/// </summary>
/// <remarks>
/// Why it exists:
/// <list type="bullet">
/// <item>The NuGet feed here has no librdkafka.redist, so we load the operating system's librdkafka.so.1.</item>
/// <item>Confluent.Kafka's own loader P/Invokes "libdl", which on Debian 12 exists only as libdl.so.2.</item>
/// <item>Confluent.Kafka 2.x imports three leader-epoch functions that librdkafka &lt; 2.1 lacks; when they
/// are missing we hand out librdkafka-compat.so (build/native/rdkafka_compat.c), which defines them and
/// resolves everything else through its dependency on librdkafka.so.1.</item>
/// </list>
/// The resolver must be installed before Confluent.Kafka's first P/Invoke, hence the module initializer;
/// <see cref="EnsureInitialized"/> lets an entry point force it explicitly.
/// </remarks>
public static class KafkaNativeLibrary
{
    private static readonly string[] LibrdkafkaCandidates = ["librdkafka.so.1", "librdkafka.so", "librdkafka.dylib"];
    private static readonly string[] LeaderEpochSymbols =
    [
        "rd_kafka_topic_partition_get_leader_epoch",
        "rd_kafka_topic_partition_set_leader_epoch",
        "rd_kafka_message_leader_epoch",
    ];
    private const string CompatLibraryFile = "librdkafka-compat.so";

    private static readonly Lazy<IntPtr> Librdkafka = new(LoadLibrdkafka);
    private static readonly Lazy<IntPtr> ForConfluent = new(LoadForConfluent);
    private static int _initialized;

    /// <summary>Whether the compat library had to stand in for missing leader-epoch functions.</summary>
    public static bool UsesCompatLibrary { get; private set; }

    /// <summary>Full path or soname of the librdkafka that was loaded, for diagnostics.</summary>
    public static string? LoadedFrom { get; private set; }

    // CA2255: a library module initializer is exactly what is needed here: the resolver must be in place
    // before any Confluent.Kafka P/Invoke, whichever of our types an application touches first.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize() => EnsureInitialized();

    /// <summary>Installs the import resolvers once. Safe to call from anywhere, any number of times.</summary>
    public static void EnsureInitialized()
    {
        if (Interlocked.Exchange(ref _initialized, 1) == 1)
        {
            return;
        }

        NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, ResolveForConfluent);
        NativeLibrary.SetDllImportResolver(typeof(KafkaNativeLibrary).Assembly, ResolveForOwnBindings);
    }

    /// <summary>The librdkafka handle our own LibraryImport bindings (the embedded broker) use.</summary>
    internal static IntPtr Handle => Librdkafka.Value;

    private static IntPtr ResolveForConfluent(string name, Assembly assembly, DllImportSearchPath? searchPath) => name switch
    {
        "librdkafka" or "alpine-librdkafka" or "centos8-librdkafka" => ForConfluent.Value,
        "libdl" => NativeLibrary.TryLoad("libdl.so.2", out var dl) ? dl : IntPtr.Zero,
        _ => IntPtr.Zero,
    };

    private static IntPtr ResolveForOwnBindings(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == "librdkafka" ? Librdkafka.Value : IntPtr.Zero;

    private static IntPtr LoadLibrdkafka()
    {
        foreach (var candidate in LibrdkafkaCandidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                LoadedFrom = candidate;
                return handle;
            }
        }

        throw new DllNotFoundException(
            "librdkafka was not found (tried " + string.Join(", ", LibrdkafkaCandidates) +
            "). Install it: apt-get install librdkafka1 (Debian/Ubuntu).");
    }

    private static IntPtr LoadForConfluent()
    {
        var librdkafka = Librdkafka.Value;
        if (LeaderEpochSymbols.All(symbol => NativeLibrary.TryGetExport(librdkafka, symbol, out _)))
        {
            return librdkafka;
        }

        var compatPath = Path.Combine(AppContext.BaseDirectory, CompatLibraryFile);
        if (!NativeLibrary.TryLoad(compatPath, out var compat))
        {
            throw new DllNotFoundException(
                $"The loaded librdkafka ({LoadedFrom}) predates 2.1 and lacks the leader-epoch functions " +
                $"Confluent.Kafka needs, and {compatPath} could not be loaded. Rebuild with gcc installed " +
                "(it compiles build/native/rdkafka_compat.c) or install librdkafka >= 2.1.");
        }

        UsesCompatLibrary = true;
        return compat;
    }
}
