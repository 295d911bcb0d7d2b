using System.Numerics.Tensors;

namespace Polypose.Detection.TfjsGraph.Ops;

/// <summary>Element-wise unary ops of a TF.js graph (float32; Abs also on int32).</summary>
public static class UnaryOps
{
    /// <summary>Applies the op named by its TensorFlow name.</summary>
    /// <exception cref="NotSupportedException">Unknown op.</exception>
    public static TfjsTensor Apply(string op, TfjsTensor x)
    {
        if (x.DType != TfjsDType.Float32)
        {
            if (op is "Abs" or "Neg")
            {
                var r = new int[x.Length];
                for (var i = 0; i < r.Length; i++)
                {
                    r[i] = op == "Abs" ? Math.Abs(x.Ints[i]) : -x.Ints[i];
                }

                return TfjsTensor.FromInts(x.Shape, r);
            }

            throw new InvalidOperationException($"{op} needs a float32 input, got {x}");
        }

        var src = x.Floats.AsSpan(0, x.Length);
        var y = TensorArena.Floats(x.Length);
        switch (op)
        {
            case "Sigmoid":
                for (var i = 0; i < y.Length; i++)
                {
                    y[i] = 1f / (1f + MathF.Exp(-src[i]));
                }

                break;
            case "Exp": TensorPrimitives.Exp(src, y); break;
            case "Abs": TensorPrimitives.Abs(src, y); break;
            case "Neg": TensorPrimitives.Negate(src, y); break;
            case "Sqrt": TensorPrimitives.Sqrt(src, y); break;
            case "Rsqrt":
                for (var i = 0; i < y.Length; i++)
                {
                    y[i] = 1f / MathF.Sqrt(src[i]);
                }

                break;
            case "Reciprocal": TensorPrimitives.Divide(1f, src, y); break;
            case "Square": TensorPrimitives.Multiply(src, src, y); break;
            case "Floor": TensorPrimitives.Floor(src, y); break;
            case "Relu": TensorPrimitives.Max(src, 0f, y); break;
            case "Relu6":
                TensorPrimitives.Max(src, 0f, y);
                TensorPrimitives.Min(y, 6f, y);
                break;
            case "Tanh": TensorPrimitives.Tanh(src, y); break;
            default: throw new NotSupportedException($"unary op '{op}' is not supported");
        }

        return TfjsTensor.FromFloats(x.Shape, y);
    }

    /// <summary>Whether the op name is one <see cref="Apply"/> handles.</summary>
    public static bool Handles(string op) => op is "Sigmoid" or "Exp" or "Abs" or "Neg" or "Sqrt" or "Rsqrt" or "Reciprocal" or "Square" or "Floor" or "Relu" or "Relu6" or "Tanh";
}
