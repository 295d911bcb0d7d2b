namespace Polypose.Cli.Options;

/// <summary>
/// Resolves the value of a <c>--model</c> option that names a DisPOSE model (Stage I or full): an existing file path
/// is used as given; otherwise a bare name (no folder, no extension, e.g. <c>dispose-cpu</c>) is a shipped model,
/// <c>models/NAME.safetensors</c> in the current folder or in the first folder above the CLI's own files that has it
/// (the repository root when the CLI runs from its build folder). <c>reconstruct</c> and <c>eval</c> resolve the same way.
/// </summary>
internal static class DisposeModelFile
{
    /// <summary>The folder of shipped models (below the repository root).</summary>
    public const string ShippedFolder = "models";

    /// <summary>The extension of a model file.</summary>
    public const string Extension = ".safetensors";

    /// <summary>The model file for <paramref name="value"/>; a <see cref="UserError"/> naming the option when there is none.</summary>
    public static string Resolve(string value, string option = "--model")
    {
        ArgumentNullException.ThrowIfNull(value);
        if (File.Exists(value))
        {
            return value;
        }

        if (IsName(value))
        {
            foreach (var folder in ShippedFolders())
            {
                var path = Path.Combine(folder, value + Extension);
                if (File.Exists(path))
                {
                    return path;
                }
            }

            var known = ShippedFolders().SelectMany(f => Directory.EnumerateFiles(f, "*" + Extension)).Select(Path.GetFileNameWithoutExtension).Distinct().Order(StringComparer.Ordinal).ToList();
            throw new UserError($"{option} {value}: no such model file, nor a shipped model of that name (shipped: {(known.Count == 0 ? "none found" : string.Join(", ", known))})");
        }

        throw new UserError($"{option} {value}: no such model file");
    }

    private static bool IsName(string value) =>
        value.Length > 0 && value.IndexOfAny(['/', '\\']) < 0 && !value.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) && value is not "." and not "..";

    private static IEnumerable<string> ShippedFolders()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var here = Path.GetFullPath(ShippedFolder);
        if (Directory.Exists(here) && seen.Add(here))
        {
            yield return here;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ShippedFolder);
            if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "*" + Extension).Any() && seen.Add(candidate))
            {
                yield return candidate;
                yield break;
            }
        }
    }
}
