using System.Diagnostics;
using Polypose.Formats.Output;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Output;

/// <summary>The output-path policy on real files, links, FIFOs, devices and folders.</summary>
public sealed class OutputPathTests
{
    private static PolyposeFormatException Refused(Action check) => Assert.Throws<PolyposeFormatException>(check);

    private static void MakeFifo(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void CheckFile_NewPathInAnExistingFolder_IsAccepted()
    {
        var dir = RepoPaths.NewTempDir();
        var target = Path.Combine(dir, "out.json");
        Assert.Equal(target, OutputPath.CheckFile(target));
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void CheckFile_ExistingRegularFile_IsAcceptedAndLeftUntouched()
    {
        var dir = RepoPaths.NewTempDir();
        var target = Path.Combine(dir, "out.json");
        File.WriteAllText(target, "old");
        OutputPath.CheckFile(target);
        Assert.Equal("old", File.ReadAllText(target));
    }

    [Fact]
    public void CheckFile_DevNull_IsRefusedAsNotARegularFile()
    {
        var e = Refused(() => OutputPath.CheckFile("/dev/null"));
        Assert.StartsWith("/dev/null: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("not a regular file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckFile_Fifo_IsRefusedWithoutOpeningIt()
    {
        var fifo = Path.Combine(RepoPaths.NewTempDir(), "pipe.json");
        MakeFifo(fifo);
        var e = Refused(() => OutputPath.CheckFile(fifo));
        Assert.Contains("FIFO", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckFile_Folder_IsRefused()
    {
        var dir = RepoPaths.NewTempDir();
        var e = Refused(() => OutputPath.CheckFile(dir));
        Assert.Contains("is a folder", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckFile_SymbolicLink_IsRefusedAndItsTargetKept()
    {
        var dir = RepoPaths.NewTempDir();
        var target = Path.Combine(dir, "target.json");
        File.WriteAllText(target, "keep");
        var link = Path.Combine(dir, "link.json");
        File.CreateSymbolicLink(link, target);
        var e = Refused(() => OutputPath.CheckFile(link));
        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
        Assert.Equal("keep", File.ReadAllText(target));
    }

    [Fact]
    public void CheckFile_DanglingSymbolicLink_IsRefused()
    {
        var link = Path.Combine(RepoPaths.NewTempDir(), "dangling.json");
        File.CreateSymbolicLink(link, "/nonexistent/polypose/x.json");
        Assert.Contains("symbolic link", Refused(() => OutputPath.CheckFile(link)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckFile_MissingParentFolder_IsRefusedNamingIt()
    {
        var dir = RepoPaths.NewTempDir();
        var target = Path.Combine(dir, "no", "such", "out.json");
        var e = Refused(() => OutputPath.CheckFile(target));
        Assert.Contains($"the folder {Path.Combine(dir, "no", "such")} does not exist", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "no")));
    }

    [Fact]
    public void CheckFile_ParentIsAFile_IsRefused()
    {
        var dir = RepoPaths.NewTempDir();
        var file = Path.Combine(dir, "plain");
        File.WriteAllText(file, "x");
        Assert.Contains("is not a folder", Refused(() => OutputPath.CheckFile(Path.Combine(file, "out.json"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckFile_EmptyPath_IsRefused()
    {
        Assert.Contains("empty", Refused(() => OutputPath.CheckFile("  ")).Message, StringComparison.Ordinal);
    }

    [ProcFact]
    public void CheckFile_FolderWhereNoFileCanBeCreated_IsRefusedEvenForRoot()
    {
        // /proc refuses new files whatever the permissions, so this holds as root too (root ignores mode bits).
        var e = Refused(() => OutputPath.CheckFile("/proc/polypose-probe.json"));
        Assert.Contains("cannot write in the folder /proc", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("write-probe", e.Message, StringComparison.Ordinal);
    }

    [NotRootFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void CheckFile_ReadOnlyFolder_IsRefusedForAnOrdinaryUser()
    {
        var dir = RepoPaths.NewTempDir();
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            Assert.Contains("permission denied", Refused(() => OutputPath.CheckFile(Path.Combine(dir, "o.json"))).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void CheckFile_SameFileAsAnInput_IsRefusedByPathLinkAndHardLink()
    {
        var dir = RepoPaths.NewTempDir();
        var input = Path.Combine(dir, "calib.json");
        File.WriteAllText(input, "{}");
        var hard = Path.Combine(dir, "hard.json");
        using (var p = Process.Start(new ProcessStartInfo("ln", [input, hard]) { UseShellExecute = false })!)
        {
            p.WaitForExit();
        }

        var link = Path.Combine(dir, "link.json");
        File.CreateSymbolicLink(link, input);
        Assert.Contains("is also an input", Refused(() => OutputPath.CheckFile(input, [input])).Message, StringComparison.Ordinal);
        Assert.Contains("is also an input", Refused(() => OutputPath.CheckFile(Path.Combine(dir, "..", Path.GetFileName(dir), "calib.json"), [input])).Message, StringComparison.Ordinal);
        Assert.Contains("is also an input", Refused(() => OutputPath.CheckFile(hard, [input])).Message, StringComparison.Ordinal);
        Assert.Contains("is also an input", Refused(() => OutputPath.CheckFile(input, [link])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckFile_ExistingFileInsideAReadFolder_IsRefusedButANewOneIsNot()
    {
        var dir = RepoPaths.NewTempDir();
        var cam = Path.Combine(dir, "cam01");
        Directory.CreateDirectory(cam);
        var frame = Path.Combine(cam, "cam01_000000_keypoints.json");
        File.WriteAllText(frame, "{}");
        Assert.Contains("whose files are inputs", Refused(() => OutputPath.CheckFile(frame, null, [cam])).Message, StringComparison.Ordinal);
        OutputPath.CheckFile(Path.Combine(dir, "pred.json"), null, [cam]);
    }

    [Fact]
    public void CheckFolder_ContainingAnInput_IsRefused()
    {
        var dir = RepoPaths.NewTempDir();
        var input = Path.Combine(dir, "poses.json");
        File.WriteAllText(input, "{}");
        Assert.Contains("holding the input", Refused(() => OutputPath.CheckFolder(dir, [input])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckFolder_ExistingFile_IsRefused()
    {
        var file = Path.Combine(RepoPaths.NewTempDir(), "plain");
        File.WriteAllText(file, "x");
        Assert.Contains("a folder is needed", Refused(() => OutputPath.CheckFolder(file)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AtomicFile_OverASymbolicLink_RefusesAndKeepsLinkAndTarget()
    {
        var dir = RepoPaths.NewTempDir();
        var target = Path.Combine(dir, "target.txt");
        File.WriteAllText(target, "keep");
        var link = Path.Combine(dir, "link.txt");
        File.CreateSymbolicLink(link, target);
        Refused(() => AtomicFile.WriteAllText(link, "new"));
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("keep", File.ReadAllText(target));
        Assert.Equal(2, Directory.GetFileSystemEntries(dir).Length);
    }

    [Fact]
    public void AtomicFile_OverAFifo_RefusesAndLeavesNoTemporaryBehind()
    {
        // A FIFO stands in for a device: a regression here must not replace a real /dev node of the machine.
        var dir = RepoPaths.NewTempDir();
        var fifo = Path.Combine(dir, "pipe.json");
        MakeFifo(fifo);
        var e = Refused(() => AtomicFile.WriteAllText(fifo, "x"));
        Assert.StartsWith(fifo + ": ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", e.Message, StringComparison.Ordinal);
        Assert.Equal([fifo], Directory.GetFileSystemEntries(dir));
    }
}

/// <summary>A fact that needs Linux /proc (a folder that refuses new files even to root); skipped with the reason elsewhere.</summary>
internal sealed class ProcFactAttribute : FactAttribute
{
    public ProcFactAttribute()
    {
        if (!Directory.Exists("/proc/self"))
        {
            Skip = "needs Linux /proc";
        }
    }
}

/// <summary>A fact about permission bits; skipped as root, which may write into a read-only (0555) folder anyway.</summary>
internal sealed class NotRootFactAttribute : FactAttribute
{
    public NotRootFactAttribute()
    {
        if (IsRoot())
        {
            Skip = "running as root: root may write into a read-only (0555) folder, so there is nothing to refuse";
        }
    }

    private static bool IsRoot()
    {
        try
        {
            return File.ReadAllLines("/proc/self/status").Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0");
        }
        catch (IOException)
        {
            return Environment.UserName == "root";
        }
    }
}
