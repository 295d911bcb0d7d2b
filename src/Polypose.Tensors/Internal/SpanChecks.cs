namespace Polypose.Tensors.Internal;

/// <summary>The argument checks shared by the span kernels: one wording for "this buffer is too short".</summary>
internal static class SpanChecks
{
    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="name"/> when <paramref name="length"/> &lt; <paramref name="expected"/>.</summary>
    public static void AtLeast(int length, long expected, string name)
    {
        if (length < expected)
        {
            throw new ArgumentException($"Span too short: need {expected} elements, got {length}.", name);
        }
    }

    /// <summary>Throws when a row-major [rows, cols] matrix with leading dimension <paramref name="ld"/> does not fit in <paramref name="length"/> elements.</summary>
    public static void Matrix(int length, int rows, int cols, int ld, string name)
    {
        if (rows == 0 || cols == 0)
        {
            return;
        }

        var need = ((long)(rows - 1) * ld) + cols;
        if (length < need)
        {
            throw new ArgumentException($"Span too short: {rows}x{cols} with stride {ld} needs {need} elements, got {length}.", name);
        }
    }
}
