using Polypose.Core.Poses;
using Polypose.Formats.Detections;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Detections;

[Trait("Stage", "Formats")]
public sealed class FourDAssociationDetectionFileTests
{
    private const int ShelfWidth = 1032;
    private const int ShelfHeight = 776;

    [SharedDataTheory]
    [InlineData("0", 106_106)]
    [InlineData("1", 111_550)]
    [InlineData("2", 117_972)]
    [InlineData("3", 107_497)]
    [InlineData("4", 109_560)]
    public void ReadAll_ShelfView_ConsumesDocumentedTokenCount(string camera, int documentedTokens)
    {
        // Arrange
        var path = SharedData.Path("shelf", "detection", camera + ".txt");

        // Act
        var frames = FourDAssociationDetectionFile.ReadAll(path, ShelfWidth, ShelfHeight);

        // Assert: 2 header tokens + per frame: a count per joint, 3 values per candidate, nA·nB per limb.
        Assert.Equal(301, frames.Count);
        long tokens = 2;
        foreach (var f in frames)
        {
            Assert.Equal(25, f.Candidates.Count);
            Assert.Equal(26, f.Affinity.Count);
            tokens += f.Candidates.Count + f.Candidates.Sum(c => 3L * c.Length) + f.Affinity.Sum(m => (long)m.Length);
        }

        Assert.Equal(documentedTokens, tokens);
    }

    [SharedDataFact]
    public void ReadAll_ShelfView0_FirstNoseMatchesReadme()
    {
        var frames = FourDAssociationDetectionFile.ReadAll(SharedData.Path("shelf", "detection", "0.txt"), ShelfWidth, ShelfHeight);

        var nose = Assert.Single(frames[0].Candidates[0]);
        Assert.Equal(0.638639 * 1031, nose.X, 9);
        Assert.Equal(0.209176 * 775, nose.Y, 9);
        Assert.Equal(0.912332, nose.Score, 12);
        Assert.Equal((1, 8), frames[0].Limbs[0]);
        Assert.All(frames.SelectMany(f => f.Candidates).SelectMany(c => c), k => Assert.InRange(k.X, 0, 1031));
    }

    [SharedDataFact]
    public void Open_ShelfView0_HeaderIsBody25With301Frames()
    {
        var file = FourDAssociationDetectionFile.Open(SharedData.Path("shelf", "detection", "0.txt"), ShelfWidth, ShelfHeight);

        Assert.Equal(FourDAssociationSkeletonType.Body25, file.SkeletonType);
        Assert.Equal(301, file.FrameCount);
        Assert.Equal("body25", file.Skeleton.Name);
    }

    [Fact]
    public void Write_ThenRead_RoundTripsCandidatesAndAffinities()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "0.txt");
        PafFrame[] frames = [TestPafFrames.Body25(2, 0.7, 0.05), TestPafFrames.Body25(0), TestPafFrames.Body25(3, 0.123456789)];

        FourDAssociationDetectionWriter.Write(path, frames, 640, 480);
        var back = FourDAssociationDetectionFile.ReadAll(path, 640, 480);

        Assert.Equal(frames.Length, back.Count);
        for (var f = 0; f < frames.Length; f++)
        {
            for (var j = 0; j < 25; j++)
            {
                Assert.Equal(frames[f].Candidates[j].Length, back[f].Candidates[j].Length);
                for (var i = 0; i < frames[f].Candidates[j].Length; i++)
                {
                    Assert.Equal(frames[f].Candidates[j][i].X, back[f].Candidates[j][i].X, 9);
                    Assert.Equal(frames[f].Candidates[j][i].Y, back[f].Candidates[j][i].Y, 9);
                    Assert.Equal(frames[f].Candidates[j][i].Score, back[f].Candidates[j][i].Score);
                }
            }

            for (var l = 0; l < 26; l++)
            {
                Assert.Equal(frames[f].Affinity[l], back[f].Affinity[l]);
            }
        }
    }

    [Fact]
    public void Open_HeaderWithEnumName_IsAccepted()
    {
        var path = WriteText("BODY25 0\n");

        var file = FourDAssociationDetectionFile.Open(path, 100, 100);

        Assert.Equal(FourDAssociationSkeletonType.Body25, file.SkeletonType);
        Assert.Empty(file.Frames());
    }

    [Fact]
    public void Open_UnsupportedSkeletonType_ThrowsNamingType()
    {
        var path = WriteText("6 1\n");

        var e = Assert.Throws<PolyposeFormatException>(() => FourDAssociationDetectionFile.Open(path, 100, 100));

        Assert.Contains("Shelf15", e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.FilePath);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void ReadAll_TruncatedFile_ThrowsNamingFrameAndJoint()
    {
        var path = WriteValid(2);
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text[..(text.Length * 3 / 4)]);

        var e = Assert.Throws<PolyposeFormatException>(() => FourDAssociationDetectionFile.ReadAll(path, 640, 480));

        Assert.Contains("end of file", e.Message, StringComparison.Ordinal);
        Assert.Contains("frame 1", e.Place, StringComparison.Ordinal);
        Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", "expected a number")]
    [InlineData("NaN", "finite")]
    [InlineData("-3", "expected an integer in [0")]
    public void ReadAll_BadTokenInFirstJointBlock_ThrowsWithLineAndPlace(string bad, string expectedProblem)
    {
        // The first joint block is "2\n x x\n y y\n s s": replace the count (negative) or the first x (others).
        var path = WriteValid(1);
        var lines = File.ReadAllLines(path);
        if (bad == "-3")
        {
            lines[1] = bad;
        }
        else
        {
            lines[2] = bad + lines[2][lines[2].IndexOf(' ', StringComparison.Ordinal)..];
        }

        File.WriteAllLines(path, lines);

        var e = Assert.Throws<PolyposeFormatException>(() => FourDAssociationDetectionFile.ReadAll(path, 640, 480));

        Assert.Contains(expectedProblem, e.Problem, StringComparison.Ordinal);
        Assert.Equal(bad == "-3" ? 2 : 3, e.Line);
        Assert.Contains("frame 0, joint 0 (nose)", e.Place, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAll_TrailingTokens_Throws()
    {
        var path = WriteValid(1);
        File.AppendAllText(path, "0.5\n");

        var e = Assert.Throws<PolyposeFormatException>(() => FourDAssociationDetectionFile.ReadAll(path, 640, 480));

        Assert.Contains("more tokens", e.Problem, StringComparison.Ordinal);
        Assert.Contains("0.5", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingFile_ThrowsFormatExceptionNamingIt()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "nope.txt");

        var e = Assert.Throws<PolyposeFormatException>(() => FourDAssociationDetectionFile.Open(path, 100, 100));

        Assert.Equal(path, e.FilePath);
    }

    private static string WriteValid(int frames)
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "0.txt");
        FourDAssociationDetectionWriter.Write(path, [.. Enumerable.Range(0, frames).Select(_ => TestPafFrames.Body25(2))], 640, 480);
        return path;
    }

    private static string WriteText(string text)
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "0.txt");
        File.WriteAllText(path, text);
        return path;
    }
}
