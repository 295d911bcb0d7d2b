using Polypose.Tensors;
using Polypose.Tensors.Autograd;

namespace Polypose.Learning.Assignment;

/// <summary>
/// Π_S, the projection of per-edge logits onto the sparse polystochastic polytope (DisPOSE 3.4) as an autograd op:
/// logits <c>[edges]</c> (float32) → masses x <c>[edges]</c> (float32), computed in float64 log domain by
/// <see cref="SparseSinkhornProblem"/>, with a backward through every iteration.
/// </summary>
public static class SparseSinkhorn
{
    /// <summary>Projects <paramref name="logits"/> <c>[M]</c> with <paramref name="iterations"/> sweeps; returns x <c>[M]</c>.</summary>
    public static Tensor Project(Tensor logits, SparseSinkhornProblem problem, int iterations)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(problem);
        if (logits.NDim != 1 || logits.Size(0) != problem.Graph.EdgeCount)
        {
            throw new ArgumentException($"logits must be [{problem.Graph.EdgeCount}] (one per edge), got [{string.Join(", ", logits.Shape)}]", nameof(logits));
        }

        return new ProjectFunction(problem, iterations).Apply(logits);
    }

    private sealed class ProjectFunction(SparseSinkhornProblem problem, int iterations) : Function
    {
        private SinkhornResult? _result;

        public override string Name => "SparseSinkhorn";

        protected override Tensor[] Forward(Tensor[] inputs)
        {
            var raw = inputs[0].Contiguous().ToArray();
            var logits = Array.ConvertAll(raw, f => (double)f);
            _result = problem.Solve(logits, iterations, recordTape: NeedsInputGrad(0));
            return [Tensor.FromArray(_result.Probabilities(), problem.Graph.EdgeCount)];
        }

        protected override Tensor?[] Backward(Tensor[] gradOutputs)
        {
            if (!NeedsInputGrad(0) || _result is null)
            {
                return [null];
            }

            var g = Array.ConvertAll(gradOutputs[0].Contiguous().ToArray(), f => (double)f);
            return [Tensor.FromArray(_result.Backward(g), problem.Graph.EdgeCount)];
        }
    }
}
