using Polypose.Tensors.Optim;

namespace Polypose.Tensors.Tests.Optim;

[Trait("Stage", "Tensors")]
public sealed class OptimizerTests
{
    [Fact]
    public void Adam_ThreeSteps_MatchesDoubleReference()
    {
        var p = Tensor.FromArray([0.5f, -1f, 2f, 0f, 3f, -0.25f, 1f, 1.5f, -2f]).SetRequiresGrad();
        var grads = new[] { 0.1, -0.3, 0.7, 0.0, 2.0, -1.0, 0.5, 0.05, -0.2 };
        var opt = new Adam([p], 0.01, weightDecay: 0.1);
        var refP = Array.ConvertAll(p.ToArray(), v => (double)v);
        var m = new double[9];
        var v = new double[9];
        for (var t = 1; t <= 3; t++)
        {
            p.Grad = Tensor.FromArray(Array.ConvertAll(grads, g => (float)(g * t)));
            opt.Step();
            for (var i = 0; i < 9; i++)
            {
                var g = (grads[i] * t) + (0.1 * refP[i]);
                m[i] = (0.9 * m[i]) + (0.1 * g);
                v[i] = (0.999 * v[i]) + (0.001 * g * g);
                var mh = m[i] / (1 - Math.Pow(0.9, t));
                var vh = v[i] / (1 - Math.Pow(0.999, t));
                refP[i] -= 0.01 * mh / (Math.Sqrt(vh) + 1e-8);
            }
        }

        Assert.Equal(refP, Array.ConvertAll(p.ToArray(), x => (double)x), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void AdamW_DecouplesWeightDecay()
    {
        var p = Tensor.FromArray([1f, -2f]).SetRequiresGrad();
        var opt = new AdamW([p], 0.1, weightDecay: 0.5);
        p.Grad = Tensor.FromArray([1f, 1f]);
        opt.Step();

        // First step: m̂ = g, v̂ = g², so the Adam update is -lr·sign(g); decay multiplies p by 1 - lr·wd first.
        Assert.Equal(1f * 0.95f - 0.1f, p.ToArray()[0], 5);
        Assert.Equal(-2f * 0.95f - 0.1f, p.ToArray()[1], 5);
    }

    [Fact]
    public void Sgd_MomentumAndNesterov_MatchHandComputed()
    {
        var p = Tensor.FromArray([1f]).SetRequiresGrad();
        var q = Tensor.FromArray([1f]).SetRequiresGrad();
        var plain = new Sgd([p], 0.1, momentum: 0.9);
        var nesterov = new Sgd([q], 0.1, momentum: 0.9, nesterov: true);
        for (var i = 0; i < 2; i++)
        {
            p.Grad = Tensor.FromArray([1f]);
            q.Grad = Tensor.FromArray([1f]);
            plain.Step();
            nesterov.Step();
        }

        // plain: b1 = 1, b2 = 1.9 ⇒ p = 1 - 0.1 - 0.19; nesterov: d1 = 1.9, d2 = 1 + 0.9·1.9 = 2.71
        Assert.Equal(0.71f, p.Item(), 5);
        Assert.Equal(1f - 0.19f - 0.271f, q.Item(), 5);
    }

    [Fact]
    public void Sgd_WeightDecay_AddsL2Gradient()
    {
        var p = Tensor.FromArray([2f]).SetRequiresGrad();
        var opt = new Sgd([p], 0.5, weightDecay: 0.1);
        p.Grad = Tensor.FromArray([0f]);
        opt.Step();
        Assert.Equal(2f - (0.5f * 0.2f), p.Item(), 6);
    }

    [Fact]
    public void Optimizer_SkipsParametersWithoutGrad()
    {
        var p = Tensor.FromArray([1f]).SetRequiresGrad();
        new Adam([p], 0.1).Step();
        Assert.Equal(1f, p.Item());
    }

    [Fact]
    public void AdamState_ExportImport_ResumesIdentically()
    {
        var a = Tensor.FromArray([1f, 2f, 3f]).SetRequiresGrad();
        var b = Tensor.FromArray([1f, 2f, 3f]).SetRequiresGrad();
        var optA = new AdamW([("w", a)], 0.05);
        a.Grad = Tensor.FromArray([0.3f, -0.1f, 0.2f]);
        optA.Step();
        optA.Step();
        var state = optA.StateDict();
        Assert.Equal(["w.step", "w.exp_avg", "w.exp_avg_sq"], state.Keys);
        Assert.Equal(2L, state["w.step"].ItemInt64());

        b.CopyInPlace(a);
        var optB = new AdamW([("w", b)], 0.05);
        optB.LoadStateDict(state);
        a.Grad = Tensor.FromArray([0.5f, 0.5f, -0.5f]);
        b.Grad = Tensor.FromArray([0.5f, 0.5f, -0.5f]);
        optA.Step();
        optB.Step();
        Assert.Equal(a.ToArray(), b.ToArray());
        state.Remove("w.exp_avg");
        Assert.Throws<ArgumentException>(() => optB.LoadStateDict(state));
    }

    [Fact]
    public void ClipGradNorm_ScalesToMaxNorm_AndReturnsOriginalNorm()
    {
        var p = Tensor.Zeros(2).SetRequiresGrad();
        var q = Tensor.Zeros(1).SetRequiresGrad();
        p.Grad = Tensor.FromArray([3f, 0f]);
        q.Grad = Tensor.FromArray([4f]);
        var norm = GradClip.ClipGradNorm([p, q], 1.0);
        Assert.Equal(5.0, norm, 6);
        Assert.Equal(0.6f, p.Grad.ToArray()[0], 5);
        Assert.Equal(0.8f, q.Grad.Item(), 5);
        Assert.Equal(1.0, GradClip.ClipGradNorm([p, q], 10.0), 5);
        Assert.Equal(0.8f, q.Grad.Item(), 5);
    }

    [Fact]
    public void WarmupCosine_HitsKnownPoints()
    {
        var s = new WarmupCosineSchedule(1.0, 10, 110, 0.1);
        Assert.Equal(0.1, s.At(0), 12);
        Assert.Equal(1.0, s.At(9), 12);
        Assert.Equal(1.0, s.At(10), 12);
        Assert.Equal(0.55, s.At(60), 12);
        Assert.Equal(0.1, s.At(110), 12);
        Assert.Equal(0.1, s.At(500), 12);
        Assert.True(s.At(30) > s.At(31));
    }

    [Fact]
    public void Adam_FiveMillionParameters_EveryElementMovesByLearningRateAgainstItsGradient()
    {
        // With a constant gradient the bias-corrected moments are m̂ = g and v̂ = g² at every step, so each step moves
        // every element by lr·g/(|g| + eps), i.e. lr against the sign of its gradient. Checking all 5M elements covers
        // the vectorised body, the remainders and any chunking of a large parameter. (Its speed is benchmarked in
        // `polypose bench engine`, workload adam_5m_step.)
        const int N = 5_000_000;
        const double Lr = 1e-3;
        var p = Tensor.Uniform(new Generator(1), [N], -1f, 1f).SetRequiresGrad();
        p.Grad = Tensor.Uniform(new Generator(2), [N], -1f, 1f);
        var p0 = p.ToArray();
        var g = p.Grad.ToArray();
        var opt = new Adam([p], Lr);

        opt.Step();
        opt.Step();

        var p2 = p.ToArray();
        var worst = 0.0;
        for (var i = 0; i < N; i++)
        {
            var expected = p0[i] - (2 * Lr * g[i] / (Math.Abs(g[i]) + 1e-8));
            worst = Math.Max(worst, Math.Abs(p2[i] - expected));
        }

        Assert.True(worst < 1e-6, $"largest deviation from p0 - 2·lr·g/(|g| + eps): {worst:G3}");
    }
}
