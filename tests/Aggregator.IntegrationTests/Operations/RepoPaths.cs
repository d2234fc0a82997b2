namespace Aggregator.IntegrationTests.Operations;

/// <summary>The repository checkout the tests run from: the first directory above the test assembly holding Aggregator.sln.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    /// <summary>A path under the root, from '/'-separated parts ("deploy/kafka/create-topics.sh").</summary>
    public static string Of(string relative) =>
        Path.GetFullPath(Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar)));

    public static string ReadText(string relative) => File.ReadAllText(Of(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aggregator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Aggregator.sln in {AppContext.BaseDirectory} or any directory above it.");
    }
}
