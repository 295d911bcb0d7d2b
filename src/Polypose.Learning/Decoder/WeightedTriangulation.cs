using Polypose.Tensors;
using Polypose.Tensors.Ops;

namespace Polypose.Learning.Decoder;

/// <summary>
/// Weighted algebraic (Plücker/DLT) triangulation with gradient (dispose.md 3.8, 4.2 step 6, 4.3): each view v
/// contributes the rows w_v·[[d_v]× | −(d_v × C_v)] (3×4) for ray direction d_v and camera centre C_v; the point is
/// the right singular vector of the smallest singular value of the stacked 3V×4 matrix A, dehomogenised (|w| guarded
/// at 1e-9), and the residual is that singular value, ‖A·v‖ (floored at 1e-6 so its gradient stays finite).
/// The system is written in metres (C/1000, the solution scaled back to mm): in millimetres AᵀA has an eigenvalue
/// spread of about 1e7, which the eigen-solver's relative gap floor would turn into wrong gradients; the reference
/// solves in millimetres with an SVD. Shapes: directions <c>[S, V, P, 3]</c> (unit, world), centres
/// <c>[S, V, 3]</c> (mm), weights <c>[S, V, P]</c> → points <c>[S, P, 3]</c> (mm) and residuals <c>[S, P]</c>.
/// Points need at least two views of positive weight; callers choose which points to keep.
/// </summary>
public static class WeightedTriangulation
{
    /// <summary>Millimetres per unit of the solved system.</summary>
    public const float Unit = 1000f;

    /// <summary>Triangulates every point; see the type summary.</summary>
    public static (Tensor Points, Tensor Residuals) Triangulate(Tensor directions, Tensor centers, Tensor weights)
    {
        ArgumentNullException.ThrowIfNull(directions);
        ArgumentNullException.ThrowIfNull(centers);
        ArgumentNullException.ThrowIfNull(weights);
        if (directions.NDim != 4 || directions.Size(3) != 3)
        {
            throw new ArgumentException($"directions must be [S, V, P, 3], got [{string.Join(", ", directions.Shape)}]", nameof(directions));
        }

        int s = directions.Size(0), v = directions.Size(1), p = directions.Size(2);
        if (!centers.Shape.SequenceEqual([s, v, 3]) || !weights.Shape.SequenceEqual([s, v, p]))
        {
            throw new ArgumentException($"centers must be [{s}, {v}, 3] and weights [{s}, {v}, {p}], got [{string.Join(", ", centers.Shape)}] and [{string.Join(", ", weights.Shape)}]");
        }

        Tensor dx = directions.Select(-1, 0), dy = directions.Select(-1, 1), dz = directions.Select(-1, 2);
        var c = (centers / Unit).Unsqueeze(2);
        Tensor cx = c.Select(-1, 0), cy = c.Select(-1, 1), cz = c.Select(-1, 2);

        // m = d × C; rows of [[d]× | −m].
        var mx = (dy * cz) - (dz * cy);
        var my = (dz * cx) - (dx * cz);
        var mz = (dx * cy) - (dy * cx);
        var zero = Tensor.ZerosLike(dx);
        var row0 = Tensor.Stack([zero, -dz, dy, -mx], -1);
        var row1 = Tensor.Stack([dz, zero, -dx, -my], -1);
        var row2 = Tensor.Stack([-dy, dx, zero, -mz], -1);

        // [S, V, P, 3, 4] · w → [S, P, 3V, 4].
        var a = Tensor.Stack([row0, row1, row2], -2) * weights.Unsqueeze(-1).Unsqueeze(-1);
        a = a.Permute(0, 2, 1, 3, 4).Reshape(s, p, 3 * v, 4);
        var h = EigenOps.SmallestSingularVector(a);
        var hw = h.Select(-1, 3).Unsqueeze(-1);
        var guarded = Tensor.Where(hw.Abs().Lt(1e-9f), Tensor.Where(hw.Lt(0f), Tensor.FullLike(hw, -1e-9f), Tensor.FullLike(hw, 1e-9f)), hw);
        var points = h.Narrow(-1, 0, 3) / guarded * Unit;
        var av = a.Matmul(h.Unsqueeze(-1)).Squeeze(-1);
        var residuals = (av * av).Sum(-1).Clamp(1e-12f, null).Sqrt();
        return (points, residuals);
    }
}
