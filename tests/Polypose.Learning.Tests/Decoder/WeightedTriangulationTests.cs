using Polypose.Learning.Decoder;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Decoder;

/// <summary>The weighted algebraic SVD triangulation: exact rays, weights, and its gradient against finite differences.</summary>
public sealed class WeightedTriangulationTests
{
    private static readonly float[] Centers = [4000f, 300f, 1500f, -1800f, 3500f, 1600f, -2500f, -3000f, 1400f];

    [Fact]
    public void ExactRaysMeetAtTheirPointWithAZeroResidualWhateverTheWeights()
    {
        float[] point = [120f, -340f, 910f];
        var dirs = new float[9];
        for (var v = 0; v < 3; v++)
        {
            var d = new double[3];
            for (var a = 0; a < 3; a++)
            {
                d[a] = point[a] - Centers[(3 * v) + a];
            }

            var len = Math.Sqrt((d[0] * d[0]) + (d[1] * d[1]) + (d[2] * d[2]));
            for (var a = 0; a < 3; a++)
            {
                dirs[(3 * v) + a] = (float)(d[a] / len);
            }
        }

        foreach (var w in new[] { new[] { 1f, 1f, 1f }, new[] { 0.2f, 0.7f, 0.1f }, new[] { 0.5f, 0.5f, 0f } })
        {
            var (x, r) = WeightedTriangulation.Triangulate(Tensor.FromArray(dirs, 1, 3, 1, 3), Tensor.FromArray(Centers, 1, 3, 3), Tensor.FromArray(w, 1, 3, 1));
            var got = x.ToArray();
            for (var a = 0; a < 3; a++)
            {
                Assert.Equal(point[a], got[a], 0.5f);
            }

            Assert.True(r.Item() < 1e-4f, $"residual {r.Item()}");
        }
    }

    [Fact]
    public void PointAndResidualGradientsMatchFiniteDifferences()
    {
        // Noisy rays towards two points from three cameras, so that the residual is clearly positive.
        var gen = new Generator(3);
        float[] points = [120f, -340f, 910f, -600f, 250f, 1200f];
        var dirs = new float[3 * 2 * 3];
        var noise = Tensor.Randn(gen, 18).ToArray();
        for (var v = 0; v < 3; v++)
        {
            for (var p = 0; p < 2; p++)
            {
                for (var a = 0; a < 3; a++)
                {
                    dirs[(((v * 2) + p) * 3) + a] = ((points[(3 * p) + a] - Centers[(3 * v) + a]) / 4000f) + (0.02f * noise[(((v * 2) + p) * 3) + a]);
                }
            }
        }

        var directions = Tensor.FromArray(dirs, 1, 3, 2, 3);
        var centersMetres = Tensor.FromArray([.. Centers.Select(c => c / 1000f)], 1, 3, 3);
        var weights = Tensor.FromArray([0.5f, 0.9f, 0.3f, 0.6f, 0.8f, 0.4f], 1, 3, 2);
        FiniteDifferences.Check(
            x =>
            {
                var d = x[0] / (x[0] * x[0]).Sum(-1, keepDim: true).Sqrt();
                var (pts, res) = WeightedTriangulation.Triangulate(d, x[1] * 1000f, x[2]);
                return Tensor.Cat([pts.Reshape(6) / 1000f, res.Reshape(2) * 10f]);
            },
            [directions, centersMetres, weights],
            eps: 1e-3,
            atol: 2e-3,
            rtol: 2e-2);
    }
}
