using System.Text.RegularExpressions;

namespace Aggregator.IntegrationTests.Operations;

/// <summary>The Dockerfile read as text (no Docker engine here): the image's contract with compose and operators.</summary>
public sealed class DockerfileTests
{
    private readonly Dockerfile _dockerfile = Dockerfile.Load();

    private DockerStage Runtime => _dockerfile.Final;

    [Fact]
    public void FinalStage_RunsAsAFixedNonRootUid_ThatOwnsTheStateDirectory()
    {
        var user = Runtime.Single("USER").Arguments;
        var uid = user.Split(':')[0];

        Assert.Matches("^[0-9]+$", uid); // numeric, so runAsNonRoot-style checks can verify it without /etc/passwd
        Assert.NotEqual("0", uid);
        var setup = string.Join('\n', Runtime.All("RUN").Select(r => r.Arguments));
        Assert.Contains($"install -d -o {uid} -g {uid} -m 0700 /var/lib/aggregator", setup, StringComparison.Ordinal);
        // USER comes after everything that needs root.
        Assert.True(Runtime.Instructions.ToList().FindLastIndex(i => i.Keyword == "RUN") < Runtime.Instructions.ToList().FindIndex(i => i.Keyword == "USER"));
    }

    [Fact]
    public void NoStage_InstallsDebianPackages_TheNativeLibrariesComeFromNuGet()
    {
        Assert.All(_dockerfile.Stages, stage => Assert.Empty(stage.AptPackages()));
        Assert.DoesNotContain(_dockerfile.Stages.SelectMany(s => s.All("RUN")), r => r.Arguments.Contains("apt-get", StringComparison.Ordinal));
    }

    [Fact]
    public void Stages_AreTheOfficialDotNetImages()
    {
        // The parser resolves the ARGs to their defaults.
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", _dockerfile.Stage("build").From);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", Runtime.From);
        Assert.Equal(2, _dockerfile.Stages.Count);
    }

    [Fact]
    public void EntryPoint_IsTheApp_AndTheDefaultCommandRunsTheWorker()
    {
        Assert.Equal(["/app/aggregator"], Runtime.Single("ENTRYPOINT").ExecForm());
        Assert.Equal(["run"], Runtime.Single("CMD").ExecForm());
        Assert.Equal("/app", Runtime.Single("WORKDIR").Arguments); // the host reads appsettings.json from there
        Assert.Contains(Runtime.All("COPY"), c => c.Arguments == "--from=build /app /app");
    }

    [Fact]
    public void HttpPort_StateDirectory_Expose_And_Volume_Agree()
    {
        var env = Runtime.All("ENV").SelectMany(e => Regex.Matches(e.Arguments, @"(\w+)=(\S+)")).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        Assert.Equal(env["AGGREGATOR_Http__Port"], Runtime.Single("EXPOSE").Arguments);
        Assert.Equal([env["AGGREGATOR_Streams__StateDirectory"]], Runtime.Single("VOLUME").ExecForm());
        Assert.Equal("/var/lib/aggregator", env["AGGREGATOR_Streams__StateDirectory"]);

        var worker = ComposeFile.Load().Service("worker");
        Assert.Equal(env["AGGREGATOR_Http__Port"], worker.Env("AGGREGATOR_Http__Port"));
        Assert.Equal(env["AGGREGATOR_Streams__StateDirectory"], worker.Env("AGGREGATOR_Streams__StateDirectory"));
    }

    [Fact]
    public void HealthCheck_ProbesTheLivenessEndpoint_OnTheConfiguredPort()
    {
        var check = Runtime.Single("HEALTHCHECK");
        var command = check.ExecForm(after: "CMD");

        Assert.Equal("bash", command[0]);
        Assert.Contains("/health/live", command[^1], StringComparison.Ordinal);
        Assert.Contains("${AGGREGATOR_Http__Port}", command[^1], StringComparison.Ordinal);
        Assert.Matches(@"--timeout=\d+s", check.Arguments);
    }

    [Fact]
    public void BuildStage_PublishesFrameworkDependentToApp_WithTheBundledLibrdkafka()
    {
        var publish = Assert.Single(_dockerfile.Stage("build").All("RUN"), r => r.Arguments.Contains("dotnet publish", StringComparison.Ordinal));

        Assert.Contains("dotnet publish src/Aggregator/Aggregator.csproj -c Release -o /app", publish.Arguments, StringComparison.Ordinal);
        Assert.DoesNotContain("--self-contained", publish.Arguments, StringComparison.Ordinal);
        Assert.Contains("test -f /app/runtimes/linux-x64/native/centos8-librdkafka.so", publish.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildStage_CopiesEverythingTheRestoreAndBuildRead()
    {
        var copied = _dockerfile.Stage("build").All("COPY")
            .Where(c => !c.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(c => c.Arguments.Split(' ')[..^1])
            .Select(s => s.TrimEnd('/'))
            .ToList();

        Assert.All(["nuget.config", "global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig", "src"],
            required => Assert.Contains(required, copied));
        Assert.All(copied, source => Assert.True(File.Exists(RepoPaths.Of(source)) || Directory.Exists(RepoPaths.Of(source)), $"{source} does not exist"));
    }

    [Fact]
    public void DockerIgnore_SendsWhatTheBuildCopies_AndNothingFromHostBuilds()
    {
        var ignore = DockerIgnore.Load();
        string[] sent =
        [
            "nuget.config", "global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig",
            "src/Aggregator/Aggregator.csproj", "src/Aggregator/Kafka/BundledLibrdkafka.cs",
        ];
        string[] kept =
        [
            "src/Aggregator/bin/Release/net10.0/aggregator.dll", "src/Aggregator/obj/project.assets.json",
            "tests/Aggregator.Tests/Aggregator.Tests.csproj",
            "bench/RESULTS.md", ".git/HEAD", "docker-compose.yml", "deploy/secrets/kafka-admin-password.example.txt",
        ];

        Assert.All(sent, path => Assert.True(ignore.Includes(path), $"{path} is not sent to the builder"));
        Assert.All(kept, path => Assert.False(ignore.Includes(path), $"{path} is sent to the builder"));
        // And every real source file under what the build copies (bin/obj aside).
        var missing = new[] { "src" }
            .SelectMany(d => Directory.EnumerateFiles(RepoPaths.Of(d), "*", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/'))
            .Where(f => !Regex.IsMatch(f, "/(bin|obj)/"))
            .Where(f => !ignore.Includes(f))
            .ToList();
        Assert.Empty(missing);
    }
}
