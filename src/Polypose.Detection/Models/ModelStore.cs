using System.Security.Cryptography;

namespace Polypose.Detection.Models;

/// <summary>
/// Where installed models live: <c>$POLYPOSE_MODELS</c> when set, else <c>$XDG_CACHE_HOME/polypose/models</c>, else
/// <c>~/.cache/polypose/models</c>; the pinned package goes into <see cref="ModelCatalog.Folder"/> below it. Reading
/// never downloads: a missing model is reported with the install command.
/// </summary>
public sealed class ModelStore
{
    /// <summary>Creates a store rooted at a folder.</summary>
    public ModelStore(string root) => Root = Path.GetFullPath(root);

    /// <summary>Gets the cache root.</summary>
    public string Root { get; }

    /// <summary>Gets the folder holding the pinned package's files.</summary>
    public string PackageFolder => Path.Combine(Root, ModelCatalog.Folder);

    /// <summary>The store at the default location (environment, then per-user cache).</summary>
    public static ModelStore Default()
    {
        var env = Environment.GetEnvironmentVariable("POLYPOSE_MODELS");
        if (!string.IsNullOrEmpty(env))
        {
            return new ModelStore(env);
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var cache = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return new ModelStore(Path.Combine(cache, "polypose", "models"));
    }

    /// <summary>The model.json path of a catalogued model (e.g. <see cref="ModelCatalog.MultiPose"/>).</summary>
    public string ModelJson(string model) => Path.Combine(PackageFolder, model + ".json");

    /// <summary>Whether every catalogued file is present with its checksum.</summary>
    public bool IsInstalled() => ModelCatalog.Files.All(f => Verify(Path.Combine(PackageFolder, f.FileName), f.Sha256) is null);

    /// <summary>The model.json path of an installed model, or throws with what to run.</summary>
    /// <exception cref="FileNotFoundException">The model is not installed (the message says how to install it).</exception>
    public string Require(string model)
    {
        var json = ModelJson(model);
        if (!File.Exists(json) || !File.Exists(Path.ChangeExtension(json, ".bin")))
        {
            throw new FileNotFoundException($"{json}: model '{model}' is not installed; run `polypose models install` (needs npm) or set POLYPOSE_MODELS to a folder holding {ModelCatalog.Folder}/", json);
        }

        return json;
    }

    /// <summary>Checks one file's SHA-256; returns null when it matches, else what is wrong.</summary>
    public static string? Verify(string path, string sha256)
    {
        if (!File.Exists(path))
        {
            return $"{path}: missing";
        }

        using var fs = File.OpenRead(path);
        var actual = Convert.ToHexStringLower(SHA256.HashData(fs));
        return actual == sha256 ? null : $"{path}: SHA-256 {actual} does not match the expected {sha256}";
    }
}
