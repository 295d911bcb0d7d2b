using Polypose.Learning.Attention;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Attention;

public sealed class ProjectiveDeformableAttentionTests
{
    private const int B = 2, C = 6, D = 8, Heads = 2, Points = 3, Q = 4;
    private static readonly (int H, int W)[] Sizes = [(8, 12), (4, 6), (2, 3)];

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void SampledComputationEqualsProjectingWholeFeatureMaps(bool projection, bool withQuery)
    {
        var (module, levels, reference, query) = Setup(projection, withQuery, seed: 5);
        var got = module.Forward(levels, reference, query).ToArray();
        var expected = Direct(module, levels, reference, query);
        Assert.Equal(expected.Length, got.Length);
        for (var i = 0; i < got.Length; i++)
        {
            Assert.True(Math.Abs(got[i] - expected[i]) < 1e-4 * (1 + Math.Abs(expected[i])), $"output {i}: {got[i]} vs direct {expected[i]}");
        }
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void FusedInferenceEqualsProjectingWholeFeatureMapsAndTheTensorPath(bool projection, bool withQuery)
    {
        var (module, levels, reference, query) = Setup(projection, withQuery, seed: 11);
        var expected = Direct(module, levels, reference, query);
        float[] fused, tensorPath;
        using (Tensor.NoGrad())
        {
            fused = module.Infer(levels, reference, query).ToArray();
            tensorPath = module.Forward(levels, reference, query).ToArray();
        }

        Assert.Equal(expected.Length, fused.Length);
        for (var i = 0; i < fused.Length; i++)
        {
            Assert.True(Math.Abs(fused[i] - expected[i]) < 1e-4 * (1 + Math.Abs(expected[i])), $"output {i}: fused {fused[i]} vs direct {expected[i]}");
            Assert.True(Math.Abs(fused[i] - tensorPath[i]) < 1e-5 * (1 + Math.Abs(tensorPath[i])), $"output {i}: fused {fused[i]} vs tensor path {tensorPath[i]}");
        }
    }

    [Fact]
    public void FusedInferenceRefusesToRunWithGradientRecording()
    {
        var (module, levels, reference, query) = Setup(projection: true, withQuery: true, seed: 12);
        Assert.Throws<InvalidOperationException>(() => module.Infer(levels, reference, query));
    }

    [Fact]
    public void ReferenceInitialisationAttendsUniformlyOverLevelsAndPoints()
    {
        var module = new ProjectiveDeformableAttention(new DeformableAttentionOptions(), new Generator(1));
        Assert.All(module.AttentionWeights.Weight.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(module.SamplingOffsets.Weight.ToArray(), v => Assert.Equal(0f, v));
        var bias = module.SamplingOffsets.Bias!.ToArray();

        // Head 0 points along +x with length point index + 1; head 2 (90°) along +y; head 1 (45°) diagonal (1, 1)·(k+1).
        Assert.Equal([1f, 0f, 2f, 0f], bias[..4]);
        Assert.Equal(1f, bias[(1 * 8 * 2) + 0], 5);
        Assert.Equal(1f, bias[(1 * 8 * 2) + 1], 5);
        Assert.Equal(0f, bias[(2 * 8 * 2) + 0], 5);
        Assert.Equal(3f, bias[(2 * 8 * 2) + 5], 5);
    }

    [Fact]
    public void GradientsMatchFiniteDifferences()
    {
        var (module, levels, reference, query) = Setup(projection: true, withQuery: true, seed: 9);
        foreach (var l in levels)
        {
            l.SetRequiresGrad();
        }

        var w = Tensor.Randn(new Generator(3), B, Q, D);
        (module.Forward(levels, reference, query) * w).Sum().Backward();
        var checks = new List<(string Name, Tensor Param, int Index)>
        {
            ("level0", levels[0], 17), ("level1", levels[1], 40), ("level2", levels[2], 5),
            ("offset weight", module.SamplingOffsets.Weight, 3), ("offset bias", module.SamplingOffsets.Bias!, 7),
            ("attention weight", module.AttentionWeights.Weight, 11), ("value weight", module.ValueProjection.Weight, 13),
            ("level_proj bias", module.LevelProjection(1)!.Bias!, 2), ("level_proj weight", module.LevelProjection(0)!.Weight, 20),
        };
        foreach (var (name, param, index) in checks)
        {
            var analytic = param.Grad!.ToArray()[index];
            var data = param.AsSpan();
            var keep = data[index];
            const float h = 1e-2f;
            data[index] = keep + h;
            var plus = Loss(module, levels, reference, query, w);
            data[index] = keep - h;
            var minus = Loss(module, levels, reference, query, w);
            data[index] = keep;
            var numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic) < 2e-2 * Math.Max(1, Math.Abs(numeric)), $"{name}[{index}]: analytic {analytic}, numeric {numeric}");
        }
    }

    private static double Loss(ProjectiveDeformableAttention m, Tensor[] levels, Tensor reference, Tensor? query, Tensor w)
    {
        using var _ = Tensor.NoGrad();
        var o = m.Forward(levels, reference, query).ToArray();
        var ww = w.ToArray();
        double s = 0;
        for (var i = 0; i < o.Length; i++)
        {
            s += o[i] * (double)ww[i];
        }

        return s;
    }

    private static (ProjectiveDeformableAttention, Tensor[], Tensor, Tensor?) Setup(bool projection, bool withQuery, ulong seed)
    {
        var gen = new Generator(seed);
        var options = new DeformableAttentionOptions
        {
            ModelDim = D,
            Heads = Heads,
            Points = Points,
            Levels = 3,
            FeatureChannels = projection ? C : D,
            LevelProjection = projection,
        };
        var module = new ProjectiveDeformableAttention(options, gen);
        foreach (var p in module.Parameters())
        {
            p.NormalInPlace(gen, 0, 0.5f);
        }

        module.SamplingOffsets.Weight.NormalInPlace(gen, 0, 1.5f);
        var levels = Sizes.Select(s => Tensor.Randn(gen, B, options.FeatureChannels, s.H, s.W)).ToArray();
        var refData = Tensor.Rand(gen, B, Q, 2).ToArray();
        refData[0] = 1.03f; // just outside: exercises the ±1.1 clamp and zero padding
        var reference = Tensor.FromArray(refData, B, Q, 2);
        var query = withQuery ? Tensor.Randn(gen, B, Q, D) : null;
        return (module, levels, reference, query);
    }

    // The direct computation: project each whole level (1×1 then value projection), then sample per head.
    private static double[] Direct(ProjectiveDeformableAttention m, Tensor[] levels, Tensor reference, Tensor? query)
    {
        var o = m.Options;
        int cIn = o.FeatureChannels, dh = D / Heads;
        var r = reference.ToArray();
        var qext = query?.ToArray();
        var offW = m.SamplingOffsets.Weight.ToArray();
        var offB = m.SamplingOffsets.Bias!.ToArray();
        var attW = m.AttentionWeights.Weight.ToArray();
        var attB = m.AttentionWeights.Bias!.ToArray();
        var vW = m.ValueProjection.Weight.ToArray();
        var vB = m.ValueProjection.Bias!.ToArray();
        var outW = m.OutputProjection.Weight.ToArray();
        var outB = m.OutputProjection.Bias!.ToArray();
        var result = new double[B * Q * D];
        for (var b = 0; b < B; b++)
        {
            // proj[l][h, w, d] and val[l][h, w, d] on the whole maps.
            var proj = new double[3][];
            var val = new double[3][];
            for (var l = 0; l < 3; l++)
            {
                var (hh, ww) = Sizes[l];
                var f = levels[l].Select(0, b).Contiguous().ToArray();
                proj[l] = new double[hh * ww * D];
                val[l] = new double[hh * ww * D];
                for (var px = 0; px < hh * ww; px++)
                {
                    for (var k = 0; k < D; k++)
                    {
                        double s;
                        if (m.LevelProjection(l) is { } lp)
                        {
                            var pw = lp.Weight.ToArray();
                            s = lp.Bias!.ToArray()[k];
                            for (var c = 0; c < cIn; c++)
                            {
                                s += pw[(k * cIn) + c] * f[(c * hh * ww) + px];
                            }
                        }
                        else
                        {
                            s = f[(k * hh * ww) + px];
                        }

                        proj[l][(px * D) + k] = s;
                    }

                    for (var k = 0; k < D; k++)
                    {
                        var s = (double)vB[k];
                        for (var j = 0; j < D; j++)
                        {
                            s += vW[(k * D) + j] * proj[l][(px * D) + j];
                        }

                        val[l][(px * D) + k] = s;
                    }
                }
            }

            for (var q = 0; q < Q; q++)
            {
                double rx = r[(((b * Q) + q) * 2) + 0], ry = r[(((b * Q) + q) * 2) + 1];
                var logits = new double[Heads, 3 * Points];
                var locs = new (double X, double Y)[3, Heads, Points];
                for (var l = 0; l < 3; l++)
                {
                    var (hh, ww) = Sizes[l];
                    var gx = Math.Clamp((2 * rx) - 1, -1.1, 1.1);
                    var gy = Math.Clamp((2 * ry) - 1, -1.1, 1.1);
                    var ql = Bilinear(proj[l], hh, ww, D, (((gx + 1) * ww) - 1) / 2, (((gy + 1) * hh) - 1) / 2);
                    if (qext is not null)
                    {
                        for (var k = 0; k < D; k++)
                        {
                            ql[k] += qext[(((b * Q) + q) * D) + k];
                        }
                    }

                    for (var h = 0; h < Heads; h++)
                    {
                        for (var p = 0; p < Points; p++)
                        {
                            var io = (((h * Points) + p) * 2);
                            double ox = Dot(offW, io, ql) + offB[io], oy = Dot(offW, io + 1, ql) + offB[io + 1];
                            locs[l, h, p] = (rx + (ox / ww), ry + (oy / hh));
                            logits[h, (l * Points) + p] = Dot(attW, (h * Points) + p, ql) + attB[(h * Points) + p];
                        }
                    }
                }

                var heads = new double[D];
                for (var h = 0; h < Heads; h++)
                {
                    var max = Enumerable.Range(0, 3 * Points).Max(i => logits[h, i]);
                    var z = Enumerable.Range(0, 3 * Points).Sum(i => Math.Exp(logits[h, i] - max));
                    for (var l = 0; l < 3; l++)
                    {
                        var (hh, ww) = Sizes[l];
                        for (var p = 0; p < Points; p++)
                        {
                            var a = Math.Exp(logits[h, (l * Points) + p] - max) / z;
                            var (lx, ly) = locs[l, h, p];
                            var s = Bilinear(val[l], hh, ww, D, (lx * ww) - 0.5, (ly * hh) - 0.5);
                            for (var k = 0; k < dh; k++)
                            {
                                heads[(h * dh) + k] += a * s[(h * dh) + k];
                            }
                        }
                    }
                }

                for (var k = 0; k < D; k++)
                {
                    var s = (double)outB[k];
                    for (var j = 0; j < D; j++)
                    {
                        s += outW[(k * D) + j] * heads[j];
                    }

                    result[(((b * Q) + q) * D) + k] = s;
                }
            }
        }

        return result;
    }

    private static double Dot(float[] weight, int row, double[] x)
    {
        double s = 0;
        for (var j = 0; j < x.Length; j++)
        {
            s += weight[(row * x.Length) + j] * x[j];
        }

        return s;
    }

    // Bilinear sample of an [h, w, channels] map at pixel (x, y), zero outside.
    private static double[] Bilinear(double[] map, int h, int w, int channels, double x, double y)
    {
        var result = new double[channels];
        int x0 = (int)Math.Floor(x), y0 = (int)Math.Floor(y);
        for (var dy = 0; dy <= 1; dy++)
        {
            for (var dx = 0; dx <= 1; dx++)
            {
                int xi = x0 + dx, yi = y0 + dy;
                if (xi < 0 || yi < 0 || xi >= w || yi >= h)
                {
                    continue;
                }

                var wgt = (dx == 0 ? 1 - (x - x0) : x - x0) * (dy == 0 ? 1 - (y - y0) : y - y0);
                for (var c = 0; c < channels; c++)
                {
                    result[c] += wgt * map[(((yi * w) + xi) * channels) + c];
                }
            }
        }

        return result;
    }
}
