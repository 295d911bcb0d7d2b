using System.Diagnostics;
using Polypose.Formats.Calibration;
using Polypose.Formats.Input;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Input;

/// <summary>Size caps while streaming, refusal of special files, and bounded format detection.</summary>
public sealed class InputFileTests
{
    [Fact]
    public void CalibrationRead_DevZero_IsRefusedAsADeviceNamingIt()
    {
        // Refused before reading (its speed is in `polypose bench formats`); reading it ran out of memory after 4 GB.
        var e = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read("/dev/zero"));
        Assert.Equal("/dev/zero: is a device or socket, not a calibration file", e.Message);
    }

    [Fact]
    public void ReadAllBytes_FileOverTheCap_IsRefusedNamingTheLimitAndVariable()
    {
        var file = Path.Combine(RepoPaths.NewTempDir(), "big.json");
        File.WriteAllBytes(file, new byte[5000]);
        var e = Assert.Throws<PolyposeFormatException>(() => InputFile.ReadAllBytes(file, 4096, "calibration"));
        Assert.Contains("larger than the 4 KiB limit for a calibration file", e.Message, StringComparison.Ordinal);
        Assert.Contains(InputLimits.CalibrationVariable, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAllBytes_FileAtTheCap_IsReadWhole()
    {
        var file = Path.Combine(RepoPaths.NewTempDir(), "ok.bin");
        var data = Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray();
        File.WriteAllBytes(file, data);
        Assert.Equal(data, InputFile.ReadAllBytes(file, 4096, "input"));
    }

    [Fact]
    public void ReadAllBytes_Fifo_IsRefusedWithoutBlocking()
    {
        var fifo = Path.Combine(RepoPaths.NewTempDir(), "pipe.txt");
        using (var p = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
        {
            p.WaitForExit();
        }

        var e = Assert.Throws<PolyposeFormatException>(() => InputFile.ReadAllBytes(fifo, 1 << 20, "input"));
        Assert.Contains("FIFO", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectFormat_TwoMegabytesOfTableLines_IsRefusedAsUnrecognisedContent()
    {
        // Its speed (linear in the size, issue 12) is measured by `polypose bench formats`, not asserted here.
        var file = Path.Combine(RepoPaths.NewTempDir(), "tables.toml");
        File.WriteAllText(file, string.Concat(Enumerable.Repeat("[a]\n", 500_000)));
        var e = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.DetectFormat(file));
        Assert.Contains("unrecognised calibration content", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectFormat_TableFollowedByAssignmentFarBelow_IsToml()
    {
        var file = Path.Combine(RepoPaths.NewTempDir(), "late.toml");
        File.WriteAllText(file, "[cam01]\n" + string.Concat(Enumerable.Repeat("# comment\n", 100_000)) + "name = \"cam01\"\n");
        Assert.Equal(CalibrationFormat.Toml, CalibrationReader.DetectFormat(file));
    }

    [Fact]
    public void FirstNonSpace_LooksAtTheFirstMegabyteOnly()
    {
        var file = Path.Combine(RepoPaths.NewTempDir(), "spaces.json");
        File.WriteAllText(file, new string(' ', (1 << 20) + 10) + "{}");
        Assert.Equal('\0', InputFile.FirstNonSpace(file));
    }
}
