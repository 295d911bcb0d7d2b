using System.Text.RegularExpressions;
using Polypose.Testing;

namespace Polypose.Cli.Tests;

/// <summary>
/// Compares CLI text exactly with a file under tests/Polypose.Cli.Tests/Snapshots. To accept new output after an
/// intended change, run the tests with <c>POLYPOSE_UPDATE_SNAPSHOTS=1</c> (or tests/Polypose.Cli.Tests/update-snapshots.sh):
/// the files are rewritten and the tests pass; review the diff before committing it.
/// </summary>
internal static partial class Snapshot
{
    /// <summary>The environment variable that rewrites the snapshot files instead of comparing.</summary>
    public const string UpdateVariable = "POLYPOSE_UPDATE_SNAPSHOTS";

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "Polypose.Cli.Tests", "Snapshots");

    /// <summary>Asserts that <paramref name="actual"/> equals the snapshot <paramref name="name"/> (a relative path).</summary>
    public static void Matches(string name, string actual)
    {
        var path = Path.Combine(Folder, name);
        actual = Normalize(actual);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"snapshot {path} is missing; run with {UpdateVariable}=1 to create it");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    // The one machine-dependent text: --threads defaults to the core count.
    private static string Normalize(string text) =>
        ThreadsDefault().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), m => m.Groups[1].Value + "<cores>]");

    [GeneratedRegex(@"(--threads <threads>.*\[default: )\d+\]")]
    private static partial Regex ThreadsDefault();
}
