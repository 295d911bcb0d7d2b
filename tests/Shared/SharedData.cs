namespace Polypose.Testing;

/// <summary>Locates the read-only <c>../shared/data</c> folder that sits beside the repository root.</summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The absolute path of <c>shared/data</c>, or null when it is absent (a fresh clone).</summary>
    public static string? DataRoot => Root.Value;

    /// <summary>The path of a file or folder under <c>shared/data</c>; throws when the folder is absent.</summary>
    public static string Path(params string[] parts)
    {
        var root = DataRoot ?? throw new InvalidOperationException("../shared/data is absent");
        return System.IO.Path.Combine([root, .. parts]);
    }

    private static string? FindRoot() => FindFromEnvironmentOrBinaries() ?? FindFromSource();

    // When tests are built outside the repository (--artifacts-path), fall back to where this file was compiled from.
    private static string? FindFromSource([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        var candidate = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(source) ?? ".", "..", "..", "..", "shared", "data");
        return Directory.Exists(candidate) ? System.IO.Path.GetFullPath(candidate) : null;
    }

    private static string? FindFromEnvironmentOrBinaries()
    {
        var env = Environment.GetEnvironmentVariable("POLYPOSE_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return System.IO.Path.GetFullPath(env);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Directory.Packages.props")))
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "..", "shared", "data");
                return Directory.Exists(candidate) ? System.IO.Path.GetFullPath(candidate) : null;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs <c>../shared/data</c>; it is skipped, with the reason shown, when that folder is absent.</summary>
internal sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (SharedData.DataRoot is null)
        {
            Skip = "needs ../shared/data beside the repository (absent in a fresh clone; present in CI)";
        }
    }
}

/// <summary>A theory that needs <c>../shared/data</c>; skipped with the reason shown when that folder is absent.</summary>
internal sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (SharedData.DataRoot is null)
        {
            Skip = "needs ../shared/data beside the repository (absent in a fresh clone; present in CI)";
        }
    }
}
