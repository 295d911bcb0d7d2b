namespace Polypose.Testing;

/// <summary>Paths inside the repository, found by walking up from the test assembly.</summary>
internal static class RepoPaths
{
    /// <summary>The repository root (the folder holding Directory.Packages.props).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A fresh, empty temporary folder for one test.</summary>
    public static string NewTempDir()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "polypose-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Directory.Packages.props")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
