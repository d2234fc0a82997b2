using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Aggregator.Slack;

namespace Aggregator.Tests.Reports;

/// <summary>
/// Checks that a README's rendered examples are what the code produces today. An example is the fenced block
/// following a line <c>&lt;!-- example: name --&gt;</c>; on a mismatch the failure shows the current output to paste.
/// </summary>
internal static class ReadmeExamples
{
    public static string Read(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate).ReplaceLineEndings("\n");
            }
        }

        throw new FileNotFoundException($"{relativePath} not found above {AppContext.BaseDirectory}.");
    }

    public static string Block(string readme, string name)
    {
        var marker = $"<!-- example: {name} -->\n";
        var at = readme.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"No '{marker.Trim()}' in the README.");
        var open = readme.IndexOf('\n', at + marker.Length) + 1; // skip the ``` line
        var close = readme.IndexOf("\n```", open, StringComparison.Ordinal);
        return readme[open..close];
    }

    public static void AssertExample(string readme, string name, string expected)
    {
        var actual = Block(readme, name);
        Assert.True(actual == expected, $"README example '{name}' is out of date. It should be:\n{expected}");
    }

    /// <summary>The webhook body, indented for reading (what Slack receives, reformatted).</summary>
    public static string IndentedJson(SlackMessage message)
    {
        using var document = JsonDocument.Parse(SlackMessageJson.ToWebhookJson(message));
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n");
    }
}
