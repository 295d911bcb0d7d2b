using Polypose.Tensors;

namespace Polypose.Learning.Assignment;

/// <summary>
/// Projected polystochastic diffusion (DisPOSE 3.5, <c>ProjectedConstrainedDDIM</c>) over one batch's hyperedges: the
/// latent u = log x (x floored at 1e-12, u clamped to ±30), training-time one-shot corruption, the X/U losses, and the
/// deterministic (η = 0) DDIM sampler whose every step is projected back onto the polytope by Π_S. Shapes: every
/// per-edge tensor is <c>[edges]</c>; timesteps are per sample <c>[samples]</c>.
/// </summary>
public sealed class ProjectedDdim
{
    private readonly int[] _edgeSample;

    /// <summary>Binds the sampler to a projection problem (reference: 2 inner and 4 final Sinkhorn sweeps).</summary>
    public ProjectedDdim(
        SparseSinkhornProblem problem,
        CosineSchedule? schedule = null,
        int innerIterations = SinkhornOptions.ReferenceInnerIterations,
        int finalIterations = SinkhornOptions.ReferenceFinalIterations)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentOutOfRangeException.ThrowIfLessThan(innerIterations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(finalIterations, 1);
        Problem = problem;
        Schedule = schedule ?? new CosineSchedule();
        InnerIterations = innerIterations;
        FinalIterations = finalIterations;
        _edgeSample = problem.Graph.EdgeSample.ToArray();
    }

    /// <summary>The projection Π_S.</summary>
    public SparseSinkhornProblem Problem { get; }

    /// <summary>The noise schedule.</summary>
    public CosineSchedule Schedule { get; }

    /// <summary>Sinkhorn sweeps inside the sampler and the corruption.</summary>
    public int InnerIterations { get; }

    /// <summary>Sinkhorn sweeps of the final projection and of the clean target.</summary>
    public int FinalIterations { get; }

    /// <summary>u = clamp(log(max(x, 1e-12)), −30, 30).</summary>
    public static Tensor Latent(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.Clamp(1e-12f, null).Log().Clamp(-30f, 30f);
    }

    /// <summary>
    /// The clean target (3.5 step 2): x0 = Π_S(±5 logits, final sweeps) and u0 = log x0, both without gradient.
    /// </summary>
    public (Tensor X0, Tensor U0) CleanTarget(Tensor cleanLogits)
    {
        using var _ = Tensor.NoGrad();
        var x0 = SparseSinkhorn.Project(cleanLogits, Problem, FinalIterations);
        return (x0, Latent(x0));
    }

    /// <summary>
    /// One-shot forward noising (3.5 step 3): u_t = √ᾱ_t·u0 + √(1 − ᾱ_t)·ε with ε ~ N(0, 1) per edge, then
    /// x_t = Π_S(u_t, inner sweeps). Returns x_t <c>[edges]</c> (no gradient).
    /// </summary>
    public Tensor Corrupt(Tensor u0, IReadOnlyList<int> timesteps, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(u0);
        ArgumentNullException.ThrowIfNull(generator);
        using var _ = Tensor.NoGrad();
        var (signal, noise) = Coefficients(timesteps);
        var eps = Tensor.Randn(generator, _edgeSample.Length);
        return SparseSinkhorn.Project((u0 * signal) + (eps * noise), Problem, InnerIterations);
    }

    /// <summary>
    /// The Stage I losses (3.5 step 5, 5.2): x̂0 = Π_S(clamp(û0, ±30), inner sweeps), û = log x̂0;
    /// X = MSE(x̂0, x0), U = MSE(û, u0), means over edges (reference weights 0.5 and 0.25). Differentiable in û0.
    /// </summary>
    public (Tensor X, Tensor U) Losses(Tensor predictedLogits, Tensor x0, Tensor u0)
    {
        ArgumentNullException.ThrowIfNull(predictedLogits);
        var xHat = SparseSinkhorn.Project(predictedLogits.Clamp(-30f, 30f), Problem, InnerIterations);
        var uHat = Latent(xHat);
        return ((xHat - x0).Square().Mean(), (uHat - u0).Square().Mean());
    }

    /// <summary>
    /// Deterministic projected DDIM (3.5, sampling): x = Π_S(0), then for each (t, t_next) of
    /// <see cref="CosineSchedule.SamplerTimesteps"/>: û0 = log Π_S(denoiser(x, t)); ε̂ = (u − √ᾱ_t·û0)/√(1 − ᾱ_t);
    /// x = Π_S(√ᾱ_next·û0 + √(1 − ᾱ_next)·ε̂); finally x̂0 = Π_S(u, final sweeps). Returns x̂0 <c>[edges]</c>.
    /// </summary>
    public Tensor Sample(IAssignmentDenoiser denoiser, int calls = 10)
    {
        ArgumentNullException.ThrowIfNull(denoiser);
        using var _ = Tensor.NoGrad();
        var m = _edgeSample.Length;
        var samples = Problem.Graph.Samples;
        var x = SparseSinkhorn.Project(Tensor.Zeros(m), Problem, InnerIterations);
        var u = Latent(x);
        var times = CosineSchedule.SamplerTimesteps(calls);
        var step = new int[samples];
        for (var i = 0; i + 1 < times.Length; i++)
        {
            int t = times[i], next = times[i + 1];
            Array.Fill(step, t);

            // Each step's temporaries go back to the tensor pool when it ends (no fresh large arrays per call); only
            // the new state leaves the scope.
            using var scope = Tensor.Scope();
            var raw = denoiser.PredictCleanLogits(x, step).Clamp(-30f, 30f);
            var u0 = Latent(SparseSinkhorn.Project(raw, Problem, InnerIterations));
            double a = Schedule.AlphaBar(t), an = Schedule.AlphaBar(next);
            var eps = (u - (u0 * (float)Math.Sqrt(a))) / (float)Math.Sqrt(1 - a);
            var uNext = (u0 * (float)Math.Sqrt(an)) + (eps * (float)Math.Sqrt(1 - an));
            x = SparseSinkhorn.Project(uNext, Problem, InnerIterations);
            u = Latent(x);
            scope.Keep(x);
            scope.Keep(u);
        }

        return SparseSinkhorn.Project(u, Problem, FinalIterations);
    }

    /// <summary>Per-edge √ᾱ and √(1 − ᾱ) at each edge's sample timestep, <c>[edges]</c> each.</summary>
    internal (Tensor Signal, Tensor Noise) Coefficients(IReadOnlyList<int> timesteps)
    {
        ArgumentNullException.ThrowIfNull(timesteps);
        if (timesteps.Count != Problem.Graph.Samples)
        {
            throw new ArgumentException($"expected one timestep per sample ({Problem.Graph.Samples}), got {timesteps.Count}", nameof(timesteps));
        }

        var signal = new float[_edgeSample.Length];
        var noise = new float[_edgeSample.Length];
        for (var e = 0; e < signal.Length; e++)
        {
            var a = Schedule.AlphaBar(timesteps[_edgeSample[e]]);
            signal[e] = (float)Math.Sqrt(a);
            noise[e] = (float)Math.Sqrt(1 - a);
        }

        return (Tensor.FromArray(signal, signal.Length), Tensor.FromArray(noise, noise.Length));
    }
}
