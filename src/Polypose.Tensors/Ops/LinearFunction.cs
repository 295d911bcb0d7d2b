using Polypose.Tensors.Autograd;
using Polypose.Tensors.Kernels;

namespace Polypose.Tensors.Ops;

/// <summary>
/// Fused y = x Wᵀ + b for x [*, in], W [out, in], b [out]: one GEMM with the bias pre-filled into y (beta = 1);
/// backward runs dx = dy W and dW = dyᵀ x as GEMMs on the stored layouts (no transposed copies) and db as a row sum.
/// </summary>
internal sealed class LinearFunction : Function
{
    private int inputCount;

    public override string Name => "Linear";

    protected override Tensor[] Forward(Tensor[] inputs)
    {
        var x = inputs[0];
        var w = inputs[1];
        inputCount = inputs.Length;
        int inF = w.ShapeArray[1], outF = w.ShapeArray[0], rows = inF == 0 ? 0 : x.Count / inF;
        var shape = (int[])x.ShapeArray.Clone();
        shape[^1] = outF;
        var y = ConvData.New(shape, out var yd);
        var beta = 0f;
        if (inputs.Length > 2)
        {
            var b = ConvData.Dense(inputs[2]);
            for (var r = 0; r < rows; r++)
            {
                b.CopyTo(yd.Slice(r * outF, outF));
            }

            beta = 1f;
        }
        else if (inF == 0)
        {
            yd.Clear();
        }

        Gemm.Sgemm(false, true, rows, outF, inF, 1f, ConvData.Dense(x), Math.Max(inF, 1), ConvData.Dense(w), Math.Max(inF, 1), beta, yd, Math.Max(outF, 1));
        SaveForBackward(x, w);
        return [y];
    }

    protected override Tensor?[] Backward(Tensor[] gradOutputs)
    {
        var x = SavedTensors[0];
        var w = SavedTensors[1];
        int inF = w.ShapeArray[1], outF = w.ShapeArray[0], rows = inF == 0 ? 0 : x.Count / inF;
        var dy = ConvData.Dense(gradOutputs[0]);
        var grads = new Tensor?[inputCount];
        if (NeedsInputGrad(0))
        {
            grads[0] = ConvData.New(x.Shape, out var dx);
            dx.Clear();
            Gemm.Sgemm(false, false, rows, inF, outF, 1f, dy, Math.Max(outF, 1), ConvData.Dense(w), Math.Max(inF, 1), 0f, dx, Math.Max(inF, 1));
        }

        if (NeedsInputGrad(1))
        {
            grads[1] = ConvData.New(w.Shape, out var dw);
            dw.Clear();
            Gemm.Sgemm(true, false, outF, inF, rows, 1f, dy, Math.Max(outF, 1), ConvData.Dense(x), Math.Max(inF, 1), 0f, dw, Math.Max(inF, 1));
        }

        if (NeedsInputGrad(2))
        {
            grads[2] = ConvData.New([outF], out var db);
            db.Clear();
            for (var r = 0; r < rows; r++)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(db, dy.Slice(r * outF, outF), db);
            }
        }

        return grads;
    }
}
