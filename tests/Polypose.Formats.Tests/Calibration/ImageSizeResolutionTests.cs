using Polypose.Formats.Calibration;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Calibration;

/// <summary>Calibrations without an image size (EasyMocap without H_/W_, VoxelPose JSON): where the size comes from.</summary>
public sealed class ImageSizeResolutionTests
{
    // EasyMocap intri.yml as cv2.FileStorage writes it, without the optional H_/W_ entries.
    private const string Intri = """
        %YAML:1.0
        ---
        names:
           - "1"
           - "2"
        K_1: !!opencv-matrix
           rows: 3
           cols: 3
           dt: d
           data: [ 1100., 0., 960., 0., 1100., 540., 0., 0., 1. ]
        dist_1: !!opencv-matrix
           rows: 1
           cols: 5
           dt: d
           data: [ 0., 0., 0., 0., 0. ]
        K_2: !!opencv-matrix
           rows: 3
           cols: 3
           dt: d
           data: [ 900., 0., 319.5, 0., 900., 239.5, 0., 0., 1. ]
        """;

    private const string Extri = """
        %YAML:1.0
        ---
        names:
           - "1"
           - "2"
        R_1: !!opencv-matrix
           rows: 3
           cols: 1
           dt: d
           data: [ 0., 0., 0. ]
        T_1: !!opencv-matrix
           rows: 3
           cols: 1
           dt: d
           data: [ 0., 0., 3. ]
        R_2: !!opencv-matrix
           rows: 3
           cols: 1
           dt: d
           data: [ 0., 0.5, 0. ]
        T_2: !!opencv-matrix
           rows: 3
           cols: 1
           dt: d
           data: [ 1., 0., 3. ]
        """;

    private const string VoxelPose = """
        {"0": {"R": [[1, 0, 0], [0, 0, -1], [0, 1, 0]], "T": [[0.0], [-4000.0], [1500.0]],
               "fx": 400.0, "fy": 400.0, "cx": 180.0, "cy": 144.0, "k": [[0.0], [0.0], [0.0]], "p": [[0.0], [0.0]]},
         "1": {"R": [[1, 0, 0], [0, 0, -1], [0, 1, 0]], "T": [[500.0], [-4000.0], [1500.0]],
               "fx": 400.0, "fy": 400.0, "cx": 516.0, "cy": 388.0, "k": [[0.0], [0.0], [0.0]], "p": [[0.0], [0.0]]}}
        """;

    [Fact]
    public void EasyMocapWithoutHW_FromPrincipalPoint_Is2cxBy2cyAndListsTheCameras()
    {
        var rig = CalibrationReader.Read(WriteEasyMocap(), new CalibrationReadOptions { ImageSizeFromPrincipalPoint = true });

        Assert.Equal((1920, 1080), (rig["1"].Width, rig["1"].Height));
        Assert.Equal((639, 479), (rig["2"].Width, rig["2"].Height));
        Assert.Equal(["1", "2"], rig.ImageSizesFromPrincipalPoint);
    }

    [Fact]
    public void EasyMocapWithoutHW_PerCameraSizeBeatsTheSizeForAllAndThePrincipalPoint()
    {
        var options = new CalibrationReadOptions
        {
            ImageSizes = new Dictionary<string, ImageSize> { ["2"] = new(640, 480) },
            DefaultImageSize = new ImageSize(1280, 720),
            ImageSizeFromPrincipalPoint = true,
        };

        var rig = CalibrationReader.Read(WriteEasyMocap(), options);

        Assert.Equal((1280, 720), (rig["1"].Width, rig["1"].Height));
        Assert.Equal((640, 480), (rig["2"].Width, rig["2"].Height));
        Assert.Empty(rig.ImageSizesFromPrincipalPoint);
    }

    [Fact]
    public void EasyMocapWithHW_TheFileSizeWinsOverTheOptions()
    {
        var dir = WriteEasyMocap(Intri + "\nH_1: 1080\nW_1: 1920");

        var rig = CalibrationReader.Read(dir, new CalibrationReadOptions { DefaultImageSize = new ImageSize(10, 10), ImageSizeFromPrincipalPoint = true });

        Assert.Equal((1920, 1080), (rig["1"].Width, rig["1"].Height));
        Assert.Equal((10, 10), (rig["2"].Width, rig["2"].Height));
        Assert.Empty(rig.ImageSizesFromPrincipalPoint);
    }

    [Fact]
    public void VoxelPose_FromPrincipalPoint_SizesEachCameraFromItsOwnCentre()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "calibration_campus.json");
        File.WriteAllText(path, VoxelPose);

        var rig = CalibrationReader.Read(path, new CalibrationReadOptions { ImageSizeFromPrincipalPoint = true });

        Assert.Equal(CalibrationFormat.VoxelPose, CalibrationReader.DetectFormat(path));
        Assert.Equal((360, 288), (rig["0"].Width, rig["0"].Height));
        Assert.Equal((1032, 776), (rig["1"].Width, rig["1"].Height));
        Assert.Equal(["0", "1"], rig.ImageSizesFromPrincipalPoint);
    }

    [Fact]
    public void Subset_KeepsOnlyTheKeptCamerasAssumedSizes()
    {
        var rig = CalibrationReader.Read(WriteEasyMocap(Intri + "\nH_1: 1080\nW_1: 1920"), new CalibrationReadOptions { ImageSizeFromPrincipalPoint = true });

        Assert.Equal(["2"], rig.ImageSizesFromPrincipalPoint);
        Assert.Empty(rig.Subset(["1"]).ImageSizesFromPrincipalPoint);
        Assert.Equal(["2"], rig.Subset(["2", "1"]).ImageSizesFromPrincipalPoint);
    }

    [Fact]
    public void PrincipalPointAtTheOrigin_CannotImplyASize_AndSaysSo()
    {
        var dir = WriteEasyMocap(Intri.Replace("900., 0., 319.5, 0., 900., 239.5", "900., 0., 0., 0., 900., 0.", StringComparison.Ordinal));

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(dir, new CalibrationReadOptions { ImageSizeFromPrincipalPoint = true }));

        Assert.Contains("camera '2'", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("principal point (0, 0) px does not imply one", ex.Problem, StringComparison.Ordinal);
        Assert.Equal(16, ex.Line);
    }

    private static string WriteEasyMocap(string intri = Intri)
    {
        var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "intri.yml"), intri + "\n");
        File.WriteAllText(Path.Combine(dir, "extri.yml"), Extri + "\n");
        return dir;
    }
}
