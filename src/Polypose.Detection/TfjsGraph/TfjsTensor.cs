namespace Polypose.Detection.TfjsGraph;

/// <summary>
/// A dense, row-major value flowing through a TF.js graph: a shape (TensorFlow order, e.g. NHWC images
/// <c>[batch, height, width, channels]</c>) and the elements, as floats (<see cref="TfjsDType.Float32"/>) or as
/// integers (<see cref="TfjsDType.Int32"/>, and <see cref="TfjsDType.Bool"/> as 0/1). Values are immutable once made:
/// view ops (reshape, squeeze, identity) share the element array.
/// </summary>
public sealed class TfjsTensor
{
    private TfjsTensor(TfjsDType dtype, int[] shape, float[]? floats, int[]? ints)
    {
        DType = dtype;
        Shape = shape;
        Floats = floats ?? [];
        Ints = ints ?? [];
        Length = ElementCount(shape);
        var stored = dtype == TfjsDType.Float32 ? Floats.Length : Ints.Length;
        if (stored < Length)
        {
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] needs {Length} elements, got {stored}");
        }
    }

    /// <summary>Gets the element type.</summary>
    public TfjsDType DType { get; }

    /// <summary>Gets the shape (do not modify).</summary>
    public int[] Shape { get; }

    /// <summary>Gets the number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>Gets the element count (product of the shape; 1 for a scalar).</summary>
    public int Length { get; }

    /// <summary>Gets the float elements (empty unless <see cref="DType"/> is Float32).</summary>
    public float[] Floats { get; }

    /// <summary>Gets the integer elements (Int32, or Bool as 0/1; empty for Float32).</summary>
    public int[] Ints { get; }

    /// <summary>Wraps float elements (not copied).</summary>
    public static TfjsTensor FromFloats(int[] shape, float[] data) => new(TfjsDType.Float32, shape, data, null);

    /// <summary>Wraps int32 elements (not copied).</summary>
    public static TfjsTensor FromInts(int[] shape, int[] data) => new(TfjsDType.Int32, shape, null, data);

    /// <summary>Wraps booleans stored as 0/1 integers (not copied).</summary>
    public static TfjsTensor FromBools(int[] shape, int[] data) => new(TfjsDType.Bool, shape, null, data);

    /// <summary>A new zero-filled tensor of the given type and shape.</summary>
    public static TfjsTensor Zeros(TfjsDType dtype, int[] shape)
    {
        var n = ElementCount(shape);
        return dtype == TfjsDType.Float32 ? new(dtype, shape, new float[n], null) : new(dtype, shape, null, new int[n]);
    }

    /// <summary>The product of the dimensions (1 for a scalar).</summary>
    public static int ElementCount(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"negative dimension {d}");
            }

            n *= d;
        }

        return n <= int.MaxValue ? (int)n : throw new ArgumentException("tensor too large");
    }

    /// <summary>The same elements under another shape of equal element count (shares the data).</summary>
    public TfjsTensor WithShape(int[] shape)
    {
        if (ElementCount(shape) != Length)
        {
            throw new ArgumentException($"cannot view [{string.Join(", ", Shape)}] as [{string.Join(", ", shape)}]");
        }

        return new(DType, shape, DType == TfjsDType.Float32 ? Floats : null, DType == TfjsDType.Float32 ? null : Ints);
    }

    /// <summary>Element i as a double (any type).</summary>
    public double Get(int i) => DType == TfjsDType.Float32 ? Floats[i] : Ints[i];

    /// <summary>A short description, e.g. <c>float32[1, 64, 64, 17]</c>.</summary>
    public override string ToString() => $"{DType.ToString().ToLowerInvariant()}[{string.Join(", ", Shape)}]";
}
