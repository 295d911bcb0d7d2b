using Polypose.Formats.Calibration;
using Polypose.Geometry;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Calibration;

public class ShelfCalibrationTests
{
    [SharedDataFact]
    public void Read_ShelfCalibration_GivesFiveCamerasWithDocumentedCentre()
    {
        var path = SharedData.Path("shelf", "calibration.json");

        var rig = CalibrationReader.Read(path);

        Assert.Equal(CalibrationFormat.FourDAssociation, CalibrationReader.DetectFormat(path));
        Assert.Equal(["0", "1", "2", "3", "4"], rig.Names);
        Assert.All(rig, c => Assert.Equal((1032, 776), (c.Width, c.Height)));

        // formats.md: camera 0 centre −Rᵀt = (−1.586, −2.109, 1.104) m.
        var c0 = rig["0"].Center;
        Assert.InRange(c0.X, -1587.0, -1585.0);
        Assert.InRange(c0.Y, -2110.0, -2108.0);
        Assert.InRange(c0.Z, 1103.0, 1105.0);

        // formats.md: camera heights 0.96–2.69 m (z-up world, millimetres).
        Assert.All(rig, c => Assert.InRange(c.Center.Z, 955.0, 2695.0));
    }

    [SharedDataFact]
    public void Read_ShelfCalibration_EveryCameraSeesTheRoomCentre()
    {
        var rig = CalibrationReader.Read(SharedData.Path("shelf", "calibration.json"));

        // dispose.md §6.2: the Shelf space box is centred at (450, −320, 800) mm.
        var centre = new Vec3(450, -320, 800);
        foreach (var cam in rig)
        {
            var p = cam.Project(centre);
            Assert.True(p.InFront && p.InImage, $"camera {cam.Name}: room centre projects to {p.Pixel} (depth {p.Depth})");
        }
    }

    [SharedDataFact]
    public void Read_WithCameraSubset_KeepsRequestedOrder()
    {
        var rig = CalibrationReader.Read(SharedData.Path("shelf", "calibration.json"), new CalibrationReadOptions { Cameras = ["3", "1"] });

        Assert.Equal(["3", "1"], rig.Names);
    }

    [SharedDataFact]
    public void Read_SubsetWithUnknownCamera_ThrowsNamingIt()
    {
        var path = SharedData.Path("shelf", "calibration.json");
        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path, new CalibrationReadOptions { Cameras = ["1", "7"] }));

        Assert.Contains("7", ex.Problem, StringComparison.Ordinal);
        Assert.Equal(path, ex.FilePath);
    }

    [SharedDataFact]
    public void VoxelPoseLayout_OfShelf_GivesSameCamerasWithShelfSize()
    {
        var rig = CalibrationReader.Read(SharedData.Path("shelf", "calibration.json"));
        var path = Path.Combine(RepoPaths.NewTempDir(), "calibration_shelf.json");
        VoxelPoseCalibration.Write(rig, path);

        var noSize = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(path));
        var back = CalibrationReader.Read(path, new CalibrationReadOptions { DefaultImageSize = ImageSize.Shelf });

        Assert.Contains("DefaultImageSize", noSize.Message, StringComparison.Ordinal);
        Assert.Equal(rig.Names, back.Names);
        for (var i = 0; i < rig.Count; i++)
        {
            // Shelf's rotations are printed with 6–8 digits (R·Rᵀ = I to ~1e-6 only), so t = −R·C does not invert
            // C = −Rᵀt exactly: allow a few micrometres at 3–4 m and a hundredth of a pixel.
            var dc = Vec3.Distance(rig[i].Center, back[i].Center);
            var dp = RandomRigs.MaxProjectionDifference(rig[i], back[i]);
            Assert.True(dc < 0.05, $"camera {rig[i].Name}: centre moved {dc} mm");
            Assert.True(dp < 0.01, $"camera {rig[i].Name}: projections moved {dp} px");
        }
    }
}
