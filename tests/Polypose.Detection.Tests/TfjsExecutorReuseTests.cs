using Polypose.Detection.Images;
using Polypose.Detection.MoveNet;
using Polypose.Detection.TfjsGraph;
using Polypose.Testing;

namespace Polypose.Detection.Tests;

/// <summary>
/// The executor recycles intermediate arrays between runs: a network reused across inputs of different sizes must
/// give every input the same bits as a fresh network, and must not write into an output it already handed back.
/// </summary>
public sealed class TfjsExecutorReuseTests
{
    [ModelAndDataFact]
    public void ReusedNetworkMatchesAFreshOneAcrossSizesAndLeavesEarlierOutputsAlone()
    {
        var model = TfjsModel.Load(InstalledModels.MultiPoseJson);
        var a = ImageFile.Read(SharedData.Path("panoptic-demo", "00_03", "00_03_00004500.jpg"));
        var b = ImageFile.Read(SharedData.Path("panoptic-demo", "00_06", "00_06_00004500.jpg"));
        var boxA = Letterbox.Fit(a.Width, a.Height, 640);
        var boxB = Letterbox.Fit(b.Width, b.Height, 512);
        var inputA = boxA.Render(a);
        var inputB = boxB.Render(b);

        var reused = new MoveNetMultiPose(model);
        var first = reused.RunRaw(inputA, boxA.InputWidth, boxA.InputHeight);
        var firstCopy = first.Floats[..first.Length];
        var second = reused.RunRaw(inputB, boxB.InputWidth, boxB.InputHeight);
        var third = reused.RunRaw(inputA, boxA.InputWidth, boxA.InputHeight);
        Assert.Equal(firstCopy, first.Floats[..first.Length]);
        Assert.Equal(firstCopy, third.Floats[..third.Length]);

        var freshB = new MoveNetMultiPose(model).RunRaw(inputB, boxB.InputWidth, boxB.InputHeight);
        Assert.Equal(freshB.Floats[..freshB.Length], second.Floats[..second.Length]);
    }
}
