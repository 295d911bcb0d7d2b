namespace Polypose.Formats.Output;

/// <summary>What a path names in the file system, without following a final symbolic link.</summary>
public enum FileKind
{
    /// <summary>Nothing exists at the path.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link (possibly dangling).</summary>
    SymbolicLink,

    /// <summary>A named pipe (FIFO).</summary>
    Fifo,

    /// <summary>A character or block device, or a socket.</summary>
    Special,
}
