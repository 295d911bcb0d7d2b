namespace Polypose.Export.Exporters;

/// <summary>
/// A set of output files and folders written all-or-nothing: each is first written under a temporary name beside its
/// destination, and only <see cref="Commit"/> renames them into place. Disposing without a commit deletes the
/// temporaries, so a failure leaves the previous outputs (or none), never a partial set.
/// </summary>
internal sealed class StagedOutputs : IDisposable
{
    private readonly List<(string Temp, string Final)> _files = [];
    private readonly List<(string Temp, string Final)> _folders = [];
    private bool _committed;

    /// <summary>Opens a temporary file that becomes <paramref name="path"/> on commit.</summary>
    public Stream CreateFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ExportOutputException(path, "a folder of that name exists");
        }

        var kind = Polypose.Formats.Output.FileIdentity.Of(full).Kind;
        if (kind is not (Polypose.Formats.Output.FileKind.Missing or Polypose.Formats.Output.FileKind.Regular))
        {
            throw new ExportOutputException(path, "not a regular file (a link, device, FIFO or socket); only regular files are replaced");
        }

        var tmp = Guard(path, () =>
        {
            var dir = Path.GetDirectoryName(full) ?? ".";
            Directory.CreateDirectory(dir);
            return Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        });
        var stream = Guard(path, () => new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
        _files.Add((tmp, full));
        return stream;
    }

    /// <summary>Creates a temporary folder that replaces the folder <paramref name="path"/> on commit; returns its path.</summary>
    public string CreateFolder(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (File.Exists(full))
        {
            throw new ExportOutputException(path, "a file of that name exists; a folder is needed");
        }

        var tmp = Guard(path, () =>
        {
            var parent = Path.GetDirectoryName(full) ?? ".";
            Directory.CreateDirectory(parent);
            var t = Path.Combine(parent, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            Directory.CreateDirectory(t);
            return t;
        });
        _folders.Add((tmp, full));
        return tmp;
    }

    /// <summary>Moves every staged output into place (replacing older ones).</summary>
    public void Commit()
    {
        foreach (var (temp, final) in _files)
        {
            Guard(final, () =>
            {
                File.Move(temp, final, overwrite: true);
                return 0;
            });
        }

        foreach (var (temp, final) in _folders)
        {
            Guard(final, () =>
            {
                string? old = null;
                if (Directory.Exists(final))
                {
                    old = final + $".{Environment.ProcessId}.{Guid.NewGuid():N}.old";
                    Directory.Move(final, old);
                }

                Directory.Move(temp, final);
                if (old is not null)
                {
                    Directory.Delete(old, recursive: true);
                }

                return 0;
            });
        }

        _committed = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_committed)
        {
            return;
        }

        foreach (var (temp, _) in _files)
        {
            TryDelete(() => File.Delete(temp));
        }

        foreach (var (temp, _) in _folders)
        {
            TryDelete(() => Directory.Delete(temp, recursive: true));
        }
    }

    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static T Guard<T>(string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ExportOutputException(path, "permission denied", ex);
        }
        catch (IOException ex)
        {
            // The system's message names the temporary file or folder; the user only knows the output path.
            var reason = ex.Message.Contains(".tmp", StringComparison.Ordinal) || ex.Message.Contains(".old", StringComparison.Ordinal)
                ? "the file system refused the write"
                : ex.Message;
            throw new ExportOutputException(path, reason, ex);
        }
    }
}
