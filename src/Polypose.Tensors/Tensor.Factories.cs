using Polypose.Tensors.Internal;

namespace Polypose.Tensors;

public sealed partial class Tensor
{
    /// <summary>Zero-filled float32 tensor (PyTorch <c>torch.zeros</c>).</summary>
    public static Tensor Zeros(params int[] shape) => NewZeroed((int[])CheckShape(shape).Clone(), out _);

    /// <summary>Zero-filled tensor of the given dtype.</summary>
    public static Tensor Zeros(DType dtype, params int[] shape)
    {
        var n = Shapes.NumEl(CheckShape(shape));
        var s = (int[])shape.Clone();
        return dtype switch
        {
            DType.Float32 => NewZeroed(s, out _),
            DType.Float64 => NewZeroed<double>(s, out _),
            DType.Int64 => ZeroedInt64(s, n),
            _ => new Tensor(new bool[n], s),
        };
    }

    /// <summary>One-filled float32 tensor (PyTorch <c>torch.ones</c>).</summary>
    public static Tensor Ones(params int[] shape) => Full(1f, shape);

    /// <summary>Float32 tensor filled with <paramref name="value"/> (PyTorch <c>torch.full</c>).</summary>
    public static Tensor Full(float value, params int[] shape)
    {
        var t = NewUninitialized((int[])CheckShape(shape).Clone(), out var data);
        data.Fill(value);
        return t;
    }

    /// <summary>Tensor of the given dtype filled with <paramref name="value"/> (PyTorch <c>torch.full(..., dtype=)</c>).</summary>
    public static Tensor Full(DType dtype, double value, params int[] shape)
    {
        var s = (int[])CheckShape(shape).Clone();
        switch (dtype)
        {
            case DType.Float32:
                return Full((float)value, s);
            case DType.Float64:
                var t = NewUninitialized<double>(s, out var data);
                data.Fill(value);
                return t;
            case DType.Int64:
                var l = new long[Shapes.NumEl(s)];
                Array.Fill(l, (long)value);
                return new Tensor(l, s);
            default:
                var b = new bool[Shapes.NumEl(s)];
                Array.Fill(b, value != 0);
                return new Tensor(b, s);
        }
    }

    /// <summary>One-filled tensor of the given dtype.</summary>
    public static Tensor Ones(DType dtype, params int[] shape) => Full(dtype, 1, shape);

    /// <summary>Float64 tensor copied from <paramref name="data"/> with the given shape (default: 1-d), PyTorch <c>torch.tensor(..., dtype=torch.float64)</c>.</summary>
    public static Tensor FromFloat64Array(double[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = shape.Length == 0 ? [data.Length] : Shapes.Infer(shape, data.Length);
        return new Tensor((double[])data.Clone(), s);
    }

    /// <summary>Zero tensor with the shape and dtype of <paramref name="other"/>.</summary>
    public static Tensor ZerosLike(Tensor other) => Zeros(other.DType, other.ShapeArray);

    /// <summary>One-filled tensor with the shape of <paramref name="other"/> (float64 when it is float64, else float32).</summary>
    public static Tensor OnesLike(Tensor other) => other.DType == DType.Float64 ? Ones(DType.Float64, other.ShapeArray) : Ones(other.ShapeArray);

    /// <summary>Tensor of <paramref name="value"/> with the shape of <paramref name="other"/> (float64 when it is float64, else float32).</summary>
    public static Tensor FullLike(Tensor other, float value) => other.DType == DType.Float64 ? Full(DType.Float64, value, other.ShapeArray) : Full(value, other.ShapeArray);

    /// <summary>A 0-d float32 tensor holding <paramref name="value"/> (PyTorch <c>torch.tensor(value)</c>).</summary>
    public static Tensor Scalar(float value) => new([value], []);

    /// <summary>Float32 tensor copied from <paramref name="data"/> with the given shape (default: 1-d).</summary>
    public static Tensor FromArray(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = shape.Length == 0 ? [data.Length] : Shapes.Infer(shape, data.Length);
        return new Tensor((float[])data.Clone(), s);
    }

    /// <summary>Float32 tensor converted from double <paramref name="data"/> with the given shape (default: 1-d).</summary>
    public static Tensor FromArray(double[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = shape.Length == 0 ? [data.Length] : Shapes.Infer(shape, data.Length);
        return new Tensor(Array.ConvertAll(data, v => (float)v), s);
    }

    /// <summary>Int64 tensor copied from <paramref name="data"/> (index tensors, PyTorch <c>torch.long</c>).</summary>
    public static Tensor FromArray(long[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = shape.Length == 0 ? [data.Length] : Shapes.Infer(shape, data.Length);
        return new Tensor((long[])data.Clone(), s);
    }

    /// <summary>Int64 tensor converted from int <paramref name="data"/>.</summary>
    public static Tensor FromArray(int[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = shape.Length == 0 ? [data.Length] : Shapes.Infer(shape, data.Length);
        return new Tensor(Array.ConvertAll(data, v => (long)v), s);
    }

    /// <summary>Bool tensor copied from <paramref name="data"/> (masks).</summary>
    public static Tensor FromArray(bool[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = shape.Length == 0 ? [data.Length] : Shapes.Infer(shape, data.Length);
        return new Tensor((bool[])data.Clone(), s);
    }

    /// <summary>
    /// Values start, start+step, ... below end (PyTorch <c>torch.arange</c>); float32 unless <paramref name="dtype"/> says Int64.
    /// </summary>
    public static Tensor Arange(double start, double end, double step = 1, DType dtype = DType.Float32)
    {
        if (step == 0 || double.IsNaN(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "step must be non-zero");
        }

        var n = Math.Max(0, (int)Math.Ceiling((end - start) / step));
        if (dtype == DType.Int64)
        {
            var l = new long[n];
            for (var i = 0; i < n; i++)
            {
                l[i] = (long)(start + (i * step));
            }

            return new Tensor(l, [n]);
        }

        var f = new float[n];
        for (var i = 0; i < n; i++)
        {
            f[i] = (float)(start + (i * step));
        }

        return new Tensor(f, [n]);
    }

    /// <summary>0, 1, ..., end-1 (PyTorch <c>torch.arange(end)</c>).</summary>
    public static Tensor Arange(int end, DType dtype = DType.Float32) => Arange(0, end, 1, dtype);

    /// <summary><paramref name="steps"/> evenly spaced values from start to end inclusive (PyTorch <c>torch.linspace</c>).</summary>
    public static Tensor Linspace(double start, double end, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var f = new float[steps];
        for (var i = 0; i < steps; i++)
        {
            f[i] = steps == 1 ? (float)start : (float)(start + ((end - start) * i / (steps - 1)));
        }

        return new Tensor(f, [steps]);
    }

    /// <summary>Identity matrix [n, m] (default square), PyTorch <c>torch.eye</c>.</summary>
    public static Tensor Eye(int n, int m = -1)
    {
        if (m < 0)
        {
            m = n;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var f = new float[n * m];
        for (var i = 0; i < Math.Min(n, m); i++)
        {
            f[(i * m) + i] = 1f;
        }

        return new Tensor(f, [n, m]);
    }

    private static Tensor ZeroedInt64(int[] shape, int n)
    {
        var t = NewUninitializedInt64(shape, out var data);
        data.Slice(0, n).Clear();
        return t;
    }

    private static int[] CheckShape(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        foreach (var s in shape)
        {
            if (s < 0)
            {
                throw new ArgumentException($"negative dimension in shape {Shapes.Format(shape)}", nameof(shape));
            }
        }

        return shape;
    }
}
