using Polypose.Formats.Calibration;
using Polypose.Geometry;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Calibration;

public class EasyMocapCalibrationTests
{
    // Laid out as cv2.FileStorage writes it (EasyMocap's write_intri / write_extri).
    private const string Intri = """
        %YAML:1.0
        ---
        names:
           - "01"
           - "02"
        K_01: !!opencv-matrix
           rows: 3
           cols: 3
           dt: d
           data: [ 1.1e+03, 0., 9.6e+02, 0., 1.2e+03, 5.4e+02, 0., 0., 1. ]
        dist_01: !!opencv-matrix
           rows: 1
           cols: 5
           dt: d
           data: [ -1.0e-01, 2.0e-02, 1.0e-03, -2.0e-03,
               3.0e-03 ]
        H_01: 1080
        W_01: 1920
        K_02: !!opencv-matrix
           rows: 3
           cols: 3
           dt: d
           data: [ 900., 0., 320., 0., 900., 240., 0., 0., 1. ]
        dist_02: !!opencv-matrix
           rows: 5
           cols: 1
           dt: d
           data: [ 0., 0., 0., 0., 0. ]
        H_02: 480
        W_02: 640
        """;

    private const string Extri = """
        %YAML:1.0
        ---
        names:
           - "01"
           - "02"
        R_01: !!opencv-matrix
           rows: 3
           cols: 1
           dt: d
           data: [ 0., 0., 0. ]
        Rot_01: !!opencv-matrix
           rows: 3
           cols: 3
           dt: d
           data: [ 1., 0., 0., 0., 1., 0., 0., 0., 1. ]
        T_01: !!opencv-matrix
           rows: 3
           cols: 1
           dt: d
           data: [ 0.5, -0.25, 3. ]
        R_02: !!opencv-matrix
           rows: 3
           cols: 1
           dt: d
           data: [ 0., 1.5707963267948966, 0. ]
        T_02: !!opencv-matrix
           rows: 3
           cols: 1
           dt: d
           data: [ 0., 0., 2.5 ]
        """;

    [Fact]
    public void Read_OpenCvYamlPair_ConvertsMetresAndKeepsNameOrder()
    {
        var dir = WritePair(Intri, Extri);

        var rig = CalibrationReader.Read(dir);

        Assert.Equal(CalibrationFormat.EasyMocap, CalibrationReader.DetectFormat(dir));
        Assert.Equal(["01", "02"], rig.Names);
        var c1 = rig["01"];
        Assert.Equal((1920, 1080), (c1.Width, c1.Height));
        Assert.Equal(new Intrinsics(1100, 1200, 960, 540), c1.Intrinsics);
        Assert.Equal(-0.1, c1.Distortion.K1);
        Assert.Equal(-2e-3, c1.Distortion.P2);
        Assert.Equal(3e-3, c1.Distortion.K3);
        Assert.Equal(new Vec3(500, -250, 3000), c1.Translation);
        Assert.Equal(Mat3.Identity, c1.Rotation);

        // Camera 02 has only the Rodrigues vector: a quarter turn about y.
        var c2 = rig["02"];
        Assert.True(Vec3.Distance(new Vec3(0, 0, -1), c2.Rotation * new Vec3(1, 0, 0)) < 1e-12);
        Assert.Equal((640, 480), (c2.Width, c2.Height));
        Assert.True(c2.Distortion.IsZero);
    }

    [Fact]
    public void Read_IntriFilePath_FindsExtriBeside()
    {
        var dir = WritePair(Intri, Extri);

        var rig = CalibrationReader.Read(Path.Combine(dir, "intri.yml"));

        Assert.Equal(2, rig.Count);
    }

    [Fact]
    public void Read_RotAndRodriguesDisagree_ThrowsAtRotLine()
    {
        var dir = WritePair(Intri, Extri.Replace("data: [ 0., 0., 0. ]", "data: [ 0.1, 0., 0. ]", StringComparison.Ordinal));

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(dir));

        Assert.EndsWith("extri.yml", ex.FilePath, StringComparison.Ordinal);
        Assert.Contains("disagree", ex.Message, StringComparison.Ordinal);
        Assert.Equal(11, ex.Line);
    }

    [Fact]
    public void Read_MissingTranslation_NamesCameraAndKey()
    {
        var cut = Extri[..Extri.IndexOf("T_02", StringComparison.Ordinal)];
        var dir = WritePair(Intri, cut);

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(dir));

        Assert.Contains("T_02", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("extri.yml", ex.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MatrixDataCountWrong_ThrowsWithLine()
    {
        var dir = WritePair(Intri.Replace("data: [ 900., 0., 320., 0., 900., 240., 0., 0., 1. ]", "data: [ 900., 0., 320., 0., 900., 240. ]", StringComparison.Ordinal), Extri);

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(dir));

        Assert.EndsWith("intri.yml", ex.FilePath, StringComparison.Ordinal);
        Assert.Equal(23, ex.Line);
        Assert.Contains("3x3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NaNInMatrix_IsRejectedWithLine()
    {
        var dir = WritePair(Intri.Replace("data: [ 0., 0., 0., 0., 0. ]", "data: [ 0., .nan, 0., 0., 0. ]", StringComparison.Ordinal), Extri);

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(dir));

        Assert.Contains("non-finite", ex.Message, StringComparison.Ordinal);
        Assert.Equal(28, ex.Line);
    }

    [Fact]
    public void Read_NoImageSize_UsesDefaultOrExplains()
    {
        var noSize = string.Join('\n', Intri.Split('\n').Where(l => !l.StartsWith("H_", StringComparison.Ordinal) && !l.StartsWith("W_", StringComparison.Ordinal)));
        var dir = WritePair(noSize, Extri);

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(dir));
        var rig = CalibrationReader.Read(dir, new CalibrationReadOptions { DefaultImageSize = new ImageSize(800, 600) });

        Assert.Contains("DefaultImageSize", ex.Message, StringComparison.Ordinal);
        Assert.All(rig, c => Assert.Equal((800, 600), (c.Width, c.Height)));
    }

    private static string WritePair(string intri, string extri)
    {
        var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "intri.yml"), intri + "\n");
        File.WriteAllText(Path.Combine(dir, "extri.yml"), extri + "\n");
        return dir;
    }
}
