namespace Polypose.Formats.Output;

/// <summary>
/// The one output-path policy of every command that writes (docs/output-paths.md). Checked before any work starts, so a
/// bad <c>--out</c> costs nothing and leaves nothing behind; every refusal is a <see cref="PolyposeFormatException"/>
/// naming the path as given (never a temporary file). The rules:
/// <list type="bullet">
/// <item>The path is not empty; its parent folder exists, is a folder, and a file can be created in it (probed by
/// creating and deleting a file, which is meaningful for root too, e.g. on a read-only mount).</item>
/// <item>What is at the path already is a regular file (file outputs) or a folder (folder outputs), or nothing: devices,
/// FIFOs and sockets are refused, and so is a symbolic link (links are refused, not followed: replacing the link
/// would cut it, writing through it would replace a file elsewhere).</item>
/// <item>The output is none of the run's inputs (same device and inode, or same canonical path), does not replace a
/// file inside a folder whose every file the run reads (<c>readFolders</c>, e.g. an OpenPose camera folder), and a folder
/// output does not contain an input (it would be replaced).</item>
/// </list>
/// </summary>
public static class OutputPath
{
    /// <summary>Checks a file output (e.g. <c>--out poses.json</c>) against the policy; returns its full path.</summary>
    public static string CheckFile(string path, IEnumerable<string?>? inputs = null, IEnumerable<string>? readFolders = null) =>
        Check(path, folder: false, inputs, readFolders, createParents: false);

    /// <summary>
    /// As <see cref="CheckFile"/> or <see cref="CheckFolder"/>, for a writer that creates missing parent folders
    /// (<c>export</c>): a missing parent is accepted when its nearest existing ancestor is a folder that accepts new files.
    /// </summary>
    public static string CheckCreatingParents(string path, bool folder, IEnumerable<string?>? inputs = null) =>
        Check(path, folder, inputs, null, createParents: true);

    /// <summary>Checks a folder output that is created or replaced whole (e.g. <c>synth --out DIR</c>); returns its full path.</summary>
    public static string CheckFolder(string path, IEnumerable<string?>? inputs = null) => Check(path, folder: true, inputs, null, createParents: false);

    /// <summary>
    /// The last-moment check of <see cref="AtomicFile"/> before it renames a finished file over <paramref name="path"/>:
    /// refuses a folder, a device, a FIFO, a socket or a symbolic link there.
    /// </summary>
    public static void EnsureReplaceableFile(string path)
    {
        var kind = FileIdentity.Of(Path.GetFullPath(path)).Kind;
        if (kind is not (FileKind.Missing or FileKind.Regular))
        {
            throw Refuse(path, Describe(kind, folderWanted: false));
        }
    }

    private static string Check(string path, bool folder, IEnumerable<string?>? inputs, IEnumerable<string>? readFolders, bool createParents)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw Refuse("--out", "the output path is empty");
        }

        string full;
        try
        {
            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Refuse(path, "not a usable output path: " + e.Message);
        }

        if (!folder && (path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar)))
        {
            throw Refuse(path, "ends with a separator (a folder) but a file path is needed");
        }

        var here = FileIdentity.Of(full);
        var fine = folder ? here.Kind is FileKind.Missing or FileKind.Directory : here.Kind is FileKind.Missing or FileKind.Regular;
        if (!fine)
        {
            throw Refuse(path, Describe(here.Kind, folder));
        }

        var parent = Path.GetDirectoryName(full);
        if (parent is null)
        {
            throw Refuse(path, "the root folder cannot be an output");
        }

        var parentKind = FileIdentity.Of(parent, followLinks: true).Kind;
        while (createParents && parentKind == FileKind.Missing && Path.GetDirectoryName(parent) is { } up)
        {
            parent = up;
            parentKind = FileIdentity.Of(parent, followLinks: true).Kind;
        }

        if (parentKind == FileKind.Missing)
        {
            throw Refuse(path, $"the folder {parent} does not exist (create it first)");
        }

        if (parentKind != FileKind.Directory)
        {
            throw Refuse(path, $"{parent} is not a folder");
        }

        CheckNotAnInput(path, full, here, folder, inputs);
        CheckNotInsideReadFolder(path, full, here, readFolders);
        ProbeWritable(path, parent);
        return full;
    }

    private static void CheckNotAnInput(string path, string full, FileIdentity here, bool folder, IEnumerable<string?>? inputs)
    {
        if (inputs is null)
        {
            return;
        }

        var canonicalOut = Canonical(full);
        foreach (var input in inputs)
        {
            if (string.IsNullOrEmpty(input))
            {
                continue;
            }

            var inputFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(input));
            var inputId = FileIdentity.Of(inputFull, followLinks: true);
            var canonicalIn = Canonical(inputFull);
            if (here.SameFileAs(inputId) || string.Equals(canonicalOut, canonicalIn, StringComparison.Ordinal))
            {
                throw Refuse(path, $"is also an input of this run ({input}); choose another output path");
            }

            if (folder && IsInside(canonicalIn, canonicalOut))
            {
                throw Refuse(path, $"would replace the folder holding the input {input}; choose another output folder");
            }
        }
    }

    private static void CheckNotInsideReadFolder(string path, string full, FileIdentity here, IEnumerable<string>? readFolders)
    {
        if (readFolders is null || here.Kind == FileKind.Missing)
        {
            return;
        }

        var canonicalOut = Canonical(full);
        foreach (var folder in readFolders)
        {
            var folderFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
            if (FileIdentity.Of(folderFull, followLinks: true).Kind == FileKind.Directory && IsInside(canonicalOut, Canonical(folderFull)))
            {
                throw Refuse(path, $"would replace a file inside {folder}, whose files are inputs of this run; choose another output path");
            }
        }
    }

    private static bool IsInside(string path, string folder) =>
        path.StartsWith(folder.EndsWith('/') ? folder : folder + "/", StringComparison.Ordinal);

    /// <summary>The full path with every existing link along it resolved (the part that does not exist is kept as written).</summary>
    private static string Canonical(string full)
    {
        var existing = full;
        var rest = new Stack<string>();
        while (!Directory.Exists(existing) && !File.Exists(existing) && Path.GetDirectoryName(existing) is { } up)
        {
            rest.Push(Path.GetFileName(existing));
            existing = up;
        }

        string resolved;
        try
        {
            resolved = ResolveAll(existing);
        }
        catch (IOException)
        {
            resolved = existing;
        }

        while (rest.Count > 0)
        {
            resolved = Path.Combine(resolved, rest.Pop());
        }

        return resolved;
    }

    private static string ResolveAll(string existing)
    {
        var parent = Path.GetDirectoryName(existing);
        var head = parent is null ? existing : Path.Combine(ResolveAll(parent), Path.GetFileName(existing));
        var info = new FileInfo(head);
        return info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target
            ? Path.TrimEndingDirectorySeparator(target.FullName)
            : head;
    }

    private static void ProbeWritable(string path, string parent)
    {
        var probe = Path.Combine(parent, $".polypose-write-probe.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Refuse(path, $"cannot write in the folder {parent} ({(e is UnauthorizedAccessException ? "permission denied" : "the file system refused a new file")})");
        }
    }

    private static PolyposeFormatException Refuse(string path, string problem) =>
        new(path, problem.StartsWith("cannot write", StringComparison.Ordinal) ? problem : "cannot write: " + problem);

    private static string Describe(FileKind kind, bool folderWanted) => kind switch
    {
        FileKind.Directory => "is a folder; a file path is needed",
        FileKind.Regular => "is a file; a folder is needed",
        FileKind.SymbolicLink => "is a symbolic link; Polypose does not write through links (name the target itself)",
        FileKind.Fifo or FileKind.Special => folderWanted
            ? "is a device, FIFO or socket; a folder is needed"
            : "is a device, FIFO or socket, not a regular file; Polypose only replaces regular files",
        _ => "cannot be used as an output",
    };
}
