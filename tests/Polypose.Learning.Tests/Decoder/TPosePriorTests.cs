using Polypose.Learning.Decoder;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Decoder;

/// <summary>The T-pose prior against dispose.md 4.1's table.</summary>
public sealed class TPosePriorTests
{
    [Theory]
    [InlineData(0, 1.58, -2.03, 493.06)]
    [InlineData(1, 2.90, -23.02, 653.27)]
    [InlineData(2, 0, 0, 0)]
    [InlineData(5, 21.55, -12.90, 186.05)]
    [InlineData(8, 3.90, 1.86, -668.31)]
    [InlineData(11, -17.31, -29.01, 201.33)]
    [InlineData(14, -19.49, 1.02, -657.20)]
    public void JointsHoldTheReferenceValues(int joint, double x, double y, double z)
    {
        var (px, py, pz) = TPosePrior.Joint(joint);
        Assert.Equal(x, px, 1e-4);
        Assert.Equal(y, py, 1e-4);
        Assert.Equal(z, pz, 1e-4);
    }

    [Fact]
    public void ThePriorIsANearVerticalSkeletonPlacedAtEachRoot()
    {
        var s = TPosePrior.Skeleton().ToArray();
        for (var j = 0; j < 15; j++)
        {
            Assert.True(Math.Abs(s[3 * j]) < 30 && Math.Abs(s[(3 * j) + 1]) < 30, $"joint {j} is off the vertical axis");
        }

        var placed = TPosePrior.Place(Tensor.FromArray([1000f, -2000f, 900f], 1, 1, 3)).ToArray();
        Assert.Equal(1000f + 1.58f, placed[0], 3);
        Assert.Equal(-2000f - 2.03f, placed[1], 3);
        Assert.Equal(900f + 493.06f, placed[2], 3);
        Assert.Equal([1000f, -2000f, 900f], placed[6..9]);
    }
}
