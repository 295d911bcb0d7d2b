namespace Polypose.Detection.Models;

/// <summary>One file of an installed model package: its path inside the npm tarball, and its SHA-256 (lower-case hex).</summary>
public sealed record ModelFile(string TarballPath, string Sha256)
{
    /// <summary>Gets the file name (the last path segment).</summary>
    public string FileName => TarballPath[(TarballPath.LastIndexOf('/') + 1)..];
}
