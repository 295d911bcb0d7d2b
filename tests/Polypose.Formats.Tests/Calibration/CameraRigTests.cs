using Polypose.Formats.Calibration;

namespace Polypose.Formats.Tests.Calibration;

public class CameraRigTests
{
    [Fact]
    public void Constructor_DuplicateNames_Throws()
    {
        var rig = RandomRigs.Create(3, 2, false);
        var ex = Assert.Throws<ArgumentException>(() => new CameraRig([rig[0], rig[1], rig[0]]));
        Assert.Contains(rig[0].Name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lookup_ByName_FindsCameraAndIndex()
    {
        var rig = RandomRigs.Create(3, 4, false);

        Assert.Same(rig[2], rig[rig[2].Name]);
        Assert.Equal(2, rig.IndexOf(rig[2].Name));
        Assert.Equal(-1, rig.IndexOf("nope"));
        Assert.False(rig.TryGet("nope", out _));
        Assert.Throws<KeyNotFoundException>(() => rig["nope"]);
    }

    [Fact]
    public void Subset_GivenOrder_KeepsThatOrder()
    {
        var rig = RandomRigs.Create(3, 4, false);
        var sub = rig.Subset([rig[3].Name, rig[0].Name]);

        Assert.Equal([rig[3].Name, rig[0].Name], sub.Names);
        Assert.Same(rig[3], sub[0]);
    }

    [Fact]
    public void Subset_MissingCameras_ThrowsNamingEachMissingOne()
    {
        var rig = RandomRigs.Create(3, 3, false);
        var ex = Assert.Throws<ArgumentException>(() => rig.Subset([rig[0].Name, "ghost1", "ghost2"]));

        Assert.Contains("ghost1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ghost2", ex.Message, StringComparison.Ordinal);
    }
}
