using Polypose.Detection.Images;
using Polypose.Detection.MoveNet;
using Polypose.Detection.TfjsGraph;

namespace Polypose.Detection.Tests;

/// <summary>
/// Streaming memory (issue 10): once a network has seen a picture size, detecting further pictures of that size must
/// not allocate per picture the arrays a run is made of (the network input, op outputs, slice gathers): the bytes this
/// thread allocates per <see cref="MoveNetMultiPose.Detect"/> after warm-up stay below a fixed bound. Measured on branch
/// vidmem3: 1.42 MB per 128 x 192 picture still (ops not yet on the arena); the bound of 2 MB catches a return of the
/// per-picture input array and slice index lists, not the remaining garbage.
/// </summary>
public sealed class DetectionAllocationTests
{
    // A 1080 x 1920 portrait picture at long side 192 gives a 128 x 192 input: 128 · 192 · 3 int32 = 294,912 bytes.
    private const int InputBytes = 128 * 192 * 3 * 4;

    [ModelFact]
    public void DetectAfterWarmUpAllocatesBelowTwoMegabytesPerPicture()
    {
        var network = new MoveNetMultiPose(TfjsModel.Load(InstalledModels.MultiPoseJson));
        var image = SeededImage(1080, 1920, seed: 10);
        var box = Letterbox.Fit(image.Width, image.Height, 192);
        Assert.Equal(InputBytes, box.InputWidth * box.InputHeight * 3 * 4);
        for (var i = 0; i < 3; i++)
        {
            network.Detect(image, box);
        }

        const int Pictures = 5;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Pictures; i++)
        {
            network.Detect(image, box);
        }

        var perPicture = (GC.GetAllocatedBytesForCurrentThread() - before) / Pictures;
        Assert.True(perPicture < 2_000_000, $"{perPicture} bytes allocated per picture after warm-up (bound 2,000,000)");
    }

    [Fact]
    public void RenderIntoABufferGivesTheSameInputAsAFreshRender()
    {
        var image = SeededImage(90, 160, seed: 3);
        var box = Letterbox.Fit(image.Width, image.Height, 64);
        var buffer = new int[box.InputWidth * box.InputHeight * 3];
        Array.Fill(buffer, 77);
        box.Render(image, buffer);
        Assert.Equal(box.Render(image), buffer);
    }

    private static RgbImage SeededImage(int width, int height, int seed)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }
}
