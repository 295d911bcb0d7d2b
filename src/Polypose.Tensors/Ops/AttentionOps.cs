using Polypose.Tensors.Internal;

namespace Polypose.Tensors.Ops;

/// <summary>Fused attention entry points (see <see cref="AttentionFunction"/> for the kernel and its backward).</summary>
public static class AttentionOps
{
    /// <summary>
    /// softmax(scale · q kᵀ + mask) v per batch and head, fused (strided per-head GEMMs, in-place softmax, no re-layout of
    /// q/k/v). q [B, H, L, D], k [B, H, S, D], v [B, H, S, Dv]; <paramref name="additiveMask"/> (float, added to the scores,
    /// −∞ = blocked; treated as a constant) broadcastable to [B, H, L, S]. <paramref name="scale"/> defaults to 1/√D.
    /// Returns the output [B, H, L, Dv] (a view over [B, L, H, Dv] storage: transpose(1, 2) + reshape to [B, L, H·Dv] is
    /// free) and the weights [B, H, L, S]. A query whose keys are all blocked gets zero weights and output (no NaN).
    /// Differentiable in q, k, v (and through the weights output).
    /// </summary>
    public static (Tensor Output, Tensor Weights) ScaledDotProduct(Tensor query, Tensor key, Tensor value, Tensor? additiveMask = null, float? scale = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        foreach (var t in new[] { query, key, value })
        {
            t.RequireFloat("ScaledDotProduct");
            if (t.NDim != 4)
            {
                throw new ArgumentException($"ScaledDotProduct expects [B, H, T, D] tensors, got shape {Shapes.Format(t.ShapeArray)}");
            }
        }

        int b = query.ShapeArray[0], h = query.ShapeArray[1], l = query.ShapeArray[2], d = query.ShapeArray[3], s = key.ShapeArray[2];
        if (key.ShapeArray[0] != b || key.ShapeArray[1] != h || key.ShapeArray[3] != d
            || value.ShapeArray[0] != b || value.ShapeArray[1] != h || value.ShapeArray[2] != s)
        {
            throw new ArgumentException($"ScaledDotProduct: incompatible shapes q {Shapes.Format(query.ShapeArray)}, k {Shapes.Format(key.ShapeArray)}, v {Shapes.Format(value.ShapeArray)}");
        }

        if (additiveMask is not null)
        {
            additiveMask.RequireFloat("ScaledDotProduct mask");
            if (!BroadcastsTo(additiveMask.ShapeArray, [b, h, l, s]))
            {
                throw new ArgumentException($"ScaledDotProduct: mask shape {Shapes.Format(additiveMask.ShapeArray)} does not broadcast to [{b}, {h}, {l}, {s}]", nameof(additiveMask));
            }
        }

        var mask = additiveMask?.Detach();
        var outputs = new AttentionFunction(scale ?? (d == 0 ? 1f : 1f / MathF.Sqrt(d)), mask).ApplyMany(query, key, value);
        return (outputs[0], outputs[1]);
    }

    private static bool BroadcastsTo(int[] shape, int[] target)
    {
        if (shape.Length > target.Length)
        {
            return false;
        }

        for (var i = 1; i <= shape.Length; i++)
        {
            if (shape[^i] != 1 && shape[^i] != target[^i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Converts a bool mask (true = blocked) to an additive float mask (−∞ where blocked, 0 elsewhere).</summary>
    public static Tensor BlockedToAdditive(Tensor blocked)
    {
        ArgumentNullException.ThrowIfNull(blocked);
        return Tensor.Zeros(blocked.ShapeArray).MaskedFill(blocked, float.NegativeInfinity);
    }
}
