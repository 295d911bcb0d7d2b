using Polypose.Formats.Calibration;
using Polypose.Geometry;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Calibration;

public class QualisysCalibrationTests
{
    private const string OneCamera = """
        <?xml version='1.0' encoding='ASCII'?>
        <calibration type="regular">
          <cameras>
            <camera active="1" serial="camA">
              <fov_video bottom="1079" left="10" right="1929" top="20"/>
              <transform r11="1" r12="0" r13="0" r21="0" r22="0" r23="1" r31="0" r32="-1" r33="0" x="0" y="-3000" z="1000"/>
              <intrinsic centerPointU="64000" centerPointV="35840" focalLengthU="96000" focalLengthV="96640" radialDistortion1="0.64" radialDistortion2="0" radialDistortion3="0" skew="0" tangentalDistortion1="0" tangentalDistortion2="0"/>
            </camera>
          </cameras>
        </calibration>
        """;

    private static string DemoPath => SharedData.Path("pose2sim-single", "calibration", "Calib.qca.txt");

    [Fact]
    public void Read_HandMadeCamera_UnitsSizeAndAxesFollowQtmConventions()
    {
        using var dir = new TempDir();
        var file = dir.Write("c.qca.txt", OneCamera);

        var cam = Assert.Single(CalibrationReader.Read(file));

        Assert.Equal(CalibrationFormat.Qualisys, CalibrationReader.DetectFormat(file));
        Assert.Equal("camA", cam.Name);
        Assert.Equal((1920, 1060), (cam.Width, cam.Height));
        Assert.Equal(1500, cam.Intrinsics.Fx, 9);
        Assert.Equal(1510, cam.Intrinsics.Fy, 9);
        Assert.Equal(1000 - 10, cam.Intrinsics.Cx, 9);
        Assert.Equal(560 - 20, cam.Intrinsics.Cy, 9);
        Assert.Equal(0.01, cam.Distortion.K1, 12);
        Assert.Equal(0, cam.Center.X, 9);
        Assert.Equal(-3000, cam.Center.Y, 9);
        Assert.Equal(1000, cam.Center.Z, 9);

        // Rows of r are the QTM camera axes in the world: x = world x, y (up) = world z, z (backwards) = world -y.
        // So the camera looks along world +y, and a point straight above the camera's sight line is higher in the image.
        Assert.Equal(1, cam.Forward.Y, 12);
        var ahead = cam.Project(new Vec3(0, 0, 1000));
        var above = cam.Project(new Vec3(0, 0, 1500));
        Assert.True(ahead.InFront);
        Assert.Equal(990, ahead.Pixel.X, 6);
        Assert.Equal(540, ahead.Pixel.Y, 6);
        Assert.True(above.Pixel.Y < ahead.Pixel.Y, "world z must point up the image");
    }

    [SharedDataFact]
    public void Read_Pose2SimDemo_FourPortraitCamerasLookingDownAtTheVolumeWithZUp()
    {
        var rig = CalibrationReader.Read(DemoPath);

        Assert.Equal(CalibrationFormat.Qualisys, CalibrationReader.DetectFormat(DemoPath));
        Assert.Equal(["cam01", "cam02", "cam03", "cam04"], rig.Names);
        Assert.All(rig, c => Assert.Equal((1088, 1920), (c.Width, c.Height)));
        Assert.All(rig, c => Assert.InRange(c.Intrinsics.Fx, 1600, 1750));
        foreach (var cam in rig)
        {
            // Cameras stand 1.6-2.2 m high, 2-4.5 m from the treadmill at the world origin, and look at it slightly downwards.
            Assert.InRange(cam.Center.Z, 1500, 2300);
            var toOrigin = -cam.Center;
            var cos = Vec3.Dot(cam.Forward, toOrigin) / toOrigin.Length;
            Assert.True(cos > Math.Cos(35 * Math.PI / 180), $"{cam.Name}: optical axis is {Math.Acos(cos) * 180 / Math.PI:F0} degrees off the origin");
            Assert.True(cam.Forward.Z < 0, $"{cam.Name} should look down");

            // The floor origin and a point 1 m above it are in the portrait image, the higher one nearer the top.
            var floor = cam.Project(Vec3.Zero);
            var head = cam.Project(new Vec3(0, 0, 1000));
            Assert.True(floor.InImage && head.InImage, $"{cam.Name}: origin or 1 m above it falls outside the image");
            Assert.True(head.Pixel.Y < floor.Pixel.Y - 300, $"{cam.Name}: world z-up must map to image up");
        }
    }

    [Theory]
    [InlineData("<calibration><cameras><camera serial=\"x\"><fov_video left=\"0\" top=\"0\" right=\"9\" bottom=\"9\"/></camera></cameras></calibration>", "camera 'x' has no <transform> element")]
    [InlineData("<calibration><cameras><camera><fov_video/></camera></cameras></calibration>", "no serial attribute")]
    [InlineData("<calibration><cameras></cameras></calibration>", "holds no cameras")]
    [InlineData("<calibration><cameras><camera serial=\"x\"", "not well-formed XML")]
    public void Read_BadFiles_OneLineNamingTheFileAndProblem(string text, string expected)
    {
        using var dir = new TempDir();
        var file = dir.Write("bad.qca.txt", text);

        var ex = Assert.Throws<PolyposeFormatException>(() => QualisysCalibration.Read(file));

        Assert.StartsWith(file, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Read_NonNumberAndNonRotation_ReportLineAndAttribute()
    {
        using var dir = new TempDir();
        var nan = dir.Write("nan.qca.txt", OneCamera.Replace("focalLengthU=\"96000\"", "focalLengthU=\"abc\"", StringComparison.Ordinal));
        var skewed = dir.Write("rot.qca.txt", OneCamera.Replace("r11=\"1\"", "r11=\"2\"", StringComparison.Ordinal));

        var a = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(nan));
        var b = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(skewed));

        Assert.Equal(7, a.Line);
        Assert.Contains("intrinsic.focalLengthU is not a finite number", a.Message, StringComparison.Ordinal);
        Assert.Equal(6, b.Line);
        Assert.Contains("not a rotation", b.Message, StringComparison.Ordinal);
    }

    private sealed class TempDir : IDisposable
    {
        private readonly string path = Directory.CreateTempSubdirectory("polypose-qca-").FullName;

        public string Write(string name, string text)
        {
            var f = Path.Combine(path, name);
            File.WriteAllText(f, text);
            return f;
        }

        public void Dispose() => Directory.Delete(path, recursive: true);
    }
}
