using Polypose.Geometry;
using Polypose.Learning.Decoder;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Decoder;

/// <summary>Projection, undistortion and the decoder's inside/valid masks, against hand-checked cases and Polypose.Geometry.</summary>
public sealed class ViewProjectionTests
{
    [Fact]
    public void APointOnTheOpticalAxisProjectsToThePrincipalPointAndOneBehindIsFlagged()
    {
        var scene = new DecoderScene(1);
        var cam = scene.Cameras[0];
        var ahead = cam.Center + (cam.Forward * 1000);
        var behind = cam.Center - (cam.Forward * 1000);
        var pts = Tensor.FromArray([(float)ahead.X, (float)ahead.Y, (float)ahead.Z, (float)behind.X, (float)behind.Y, (float)behind.Z, 0, 0, 0, 0, 0, 0], 2, 2, 3);
        var (pixels, front) = ViewProjection.Project(scene.View, pts);
        var px = pixels.ToArray();
        var f = front.ToBoolArray();
        Assert.True(f[0]);
        Assert.False(f[1]);
        Assert.Equal(cam.Intrinsics.Cx, px[0], 0.05);
        Assert.Equal(cam.Intrinsics.Cy, px[1], 0.05);

        // Behind the camera the normalised coordinates are forced to 0: the principal point again, flagged invalid.
        Assert.Equal(cam.Intrinsics.Cx, px[2], 1e-3);
        Assert.Equal(cam.Intrinsics.Cy, px[3], 1e-3);
    }

    [Fact]
    public void ProjectionAgreesWithTheGeometryLibraryAndUndistortionInvertsIt()
    {
        var scene = new DecoderScene(1);
        var gen = new Generator(9);
        var pts = (Tensor.Rand(gen, 2, 20, 3) * 1600f) - 800f + Tensor.FromArray([0f, 0f, 900f], 3);
        var (pixels, front) = ViewProjection.Project(scene.View, pts);
        var normal = ViewProjection.Undistort(scene.View, pixels).ToArray();
        var px = pixels.ToArray();
        var p = pts.ToArray();
        for (var s = 0; s < 2; s++)
        {
            for (var v = 0; v < DecoderScene.Views; v++)
            {
                for (var i = 0; i < 20; i++)
                {
                    var k = (((s * DecoderScene.Views) + v) * 20) + i;
                    var world = new Vec3(p[(((s * 20) + i) * 3) + 0], p[(((s * 20) + i) * 3) + 1], p[(((s * 20) + i) * 3) + 2]);
                    var expected = scene.Cameras[v].Project(world);
                    Assert.True(expected.InFront && front.ToBoolArray()[k]);
                    Assert.Equal(expected.Pixel.X, px[2 * k], 0.02);
                    Assert.Equal(expected.Pixel.Y, px[(2 * k) + 1], 0.02);
                    var c = scene.Cameras[v].WorldToCamera(world);
                    Assert.Equal(c.X / c.Z, normal[2 * k], 1e-4);
                    Assert.Equal(c.Y / c.Z, normal[(2 * k) + 1], 1e-4);
                }
            }
        }
    }

    [Fact]
    public void TheDecoderMarksAJointValidExactlyWhereItsSlotHoldsAPersonAndItProjectsInFrontAndInsideTheImage()
    {
        // Sample 0 slot 0 stands 1.2 m behind camera 0 (outside the ring), so camera 0 has it behind and the other two
        // see it at a wide angle, partly outside their images; slot 1 stands in the middle.
        var cam0 = new DecoderScene(1).Cameras[0].Center;
        var behind = new Vec3(cam0.X * 1.3, cam0.Y * 1.3, 900);
        var scene = new DecoderScene(1, roots: [(float)behind.X, (float)behind.Y, 900f, 0f, 0f, 900f, 100f, 600f, 1000f, 0f, 0f, 0f]);
        var decoder = new PoseDecoder(DecoderScene.Config, new Generator(2));
        var valid = decoder.Forward(scene.Input()).Layers[0].ViewValid.ToBoolArray();
        var prior = TPosePrior.Place(scene.Roots).ToArray();
        var mask = scene.SlotMask.ToBoolArray();
        int behindCount = 0, outsideCount = 0;
        for (var s = 0; s < 2; s++)
        {
            for (var v = 0; v < DecoderScene.Views; v++)
            {
                for (var n = 0; n < 2; n++)
                {
                    for (var j = 0; j < 15; j++)
                    {
                        var q = (((s * 2) + n) * 15) + j;
                        var pr = scene.Cameras[v].Project(new Vec3(prior[3 * q], prior[(3 * q) + 1], prior[(3 * q) + 2]));
                        var inside = pr.InFront && pr.Pixel.X >= 0 && pr.Pixel.X < 640 && pr.Pixel.Y >= 0 && pr.Pixel.Y < 480;
                        behindCount += mask[(s * 2) + n] && !pr.InFront ? 1 : 0;
                        outsideCount += mask[(s * 2) + n] && pr.InFront && !inside ? 1 : 0;
                        Assert.Equal(mask[(s * 2) + n] && inside, valid[(((((s * DecoderScene.Views) + v) * 2) + n) * 15) + j]);
                    }
                }
            }
        }

        Assert.Equal(15, behindCount);
        Assert.True(outsideCount > 0, "no joint fell outside an image");
    }
}
