using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Polypose.Tensors.Autograd;

namespace Polypose.Tensors.Ops;

/// <summary>
/// Fused layer normalisation over the trailing D elements of each row: y = (x − μ)·r·w + b with r = 1/√(σ² + eps)
/// (biased variance, accumulated in double). Backward: dx = r·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)) with ĝ = dy·w and
/// x̂ = (x − μ)·r; dw = Σ dy·x̂, db = Σ dy over rows. Inputs (x, [w, b]) with w, b of D elements.
/// </summary>
internal sealed class LayerNormFunction(int size, float eps, bool affine) : Function
{
    private float[] mean = [];
    private float[] rstd = [];

    public override string Name => "LayerNorm";

    protected override Tensor[] Forward(Tensor[] inputs)
    {
        var x = ConvData.Dense(inputs[0]);
        var rows = size == 0 ? 0 : x.Length / size;
        var y = ConvData.New(inputs[0].Shape, out var yd);
        mean = new float[rows];
        rstd = new float[rows];
        var w = affine ? ConvData.Dense(inputs[1]) : default;
        var b = affine ? ConvData.Dense(inputs[2]) : default;
        for (var r = 0; r < rows; r++)
        {
            var row = x.Slice(r * size, size);
            var mu = System.Numerics.Tensors.TensorPrimitives.Sum(row) / size;
            var dst = yd.Slice(r * size, size);
            System.Numerics.Tensors.TensorPrimitives.Subtract(row, mu, dst);
            var inv = (float)(1.0 / Math.Sqrt((SumOfSquaresInDouble(dst) / size) + eps));
            mean[r] = mu;
            rstd[r] = inv;
            System.Numerics.Tensors.TensorPrimitives.Multiply(dst, inv, dst);
            if (affine)
            {
                System.Numerics.Tensors.TensorPrimitives.FusedMultiplyAdd(dst, w, b, dst);
            }
        }

        SaveForBackward(inputs);
        return [y];
    }

    // Σ c² with each c² rounded to float and the sum kept in double, four double lanes (the order of the
    // double additions differs from a scalar loop by far less than a float's last bit).
    private static double SumOfSquaresInDouble(ReadOnlySpan<float> c)
    {
        var i = 0;
        var acc = Vector256<double>.Zero;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var c0 = ref MemoryMarshal.GetReference(c);
            for (; i <= c.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref c0, (nuint)i);
                var sq = v * v;
                acc += Vector256.WidenLower(sq) + Vector256.WidenUpper(sq);
            }
        }

        var ss = Vector256.Sum(acc);
        for (; i < c.Length; i++)
        {
            ss += c[i] * c[i];
        }

        return ss;
    }

    protected override Tensor?[] Backward(Tensor[] gradOutputs)
    {
        var x = ConvData.Dense(SavedTensors[0]);
        var dy = ConvData.Dense(gradOutputs[0]);
        var rows = mean.Length;
        var w = affine ? ConvData.Dense(SavedTensors[1]) : default;
        var grads = new Tensor?[SavedTensors.Count];
        Span<float> dx = default, dw = default, db = default;
        if (NeedsInputGrad(0))
        {
            grads[0] = ConvData.New(SavedTensors[0].Shape, out dx);
        }

        if (affine && NeedsInputGrad(1))
        {
            grads[1] = ConvData.New(SavedTensors[1].Shape, out dw);
            dw.Clear();
        }

        if (affine && NeedsInputGrad(2))
        {
            grads[2] = ConvData.New(SavedTensors[2].Shape, out db);
            db.Clear();
        }

        var xhat = new float[size];
        var g = new float[size];
        for (var r = 0; r < rows; r++)
        {
            var dyr = dy.Slice(r * size, size);
            System.Numerics.Tensors.TensorPrimitives.Subtract(x.Slice(r * size, size), mean[r], xhat);
            System.Numerics.Tensors.TensorPrimitives.Multiply(xhat, rstd[r], xhat);
            if (!dw.IsEmpty)
            {
                System.Numerics.Tensors.TensorPrimitives.FusedMultiplyAdd(dyr, xhat, dw, dw);
            }

            if (!db.IsEmpty)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(db, dyr, db);
            }

            if (dx.IsEmpty)
            {
                continue;
            }

            if (affine)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(dyr, w, g);
            }
            else
            {
                dyr.CopyTo(g);
            }

            var meanG = System.Numerics.Tensors.TensorPrimitives.Sum(g) / size;
            var meanGx = System.Numerics.Tensors.TensorPrimitives.Dot(g, xhat) / size;
            var dst = dx.Slice(r * size, size);

            // dx = r·(g − meanG − x̂·meanGx)
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(xhat, -meanGx, g, dst);
            System.Numerics.Tensors.TensorPrimitives.Add(dst, -meanG, dst);
            System.Numerics.Tensors.TensorPrimitives.Multiply(dst, rstd[r], dst);
        }

        return grads;
    }
}
