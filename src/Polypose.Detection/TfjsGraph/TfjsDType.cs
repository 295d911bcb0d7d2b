namespace Polypose.Detection.TfjsGraph;

/// <summary>Element type of a <see cref="TfjsTensor"/>: the three TensorFlow types MoveNet's graphs compute with.</summary>
public enum TfjsDType
{
    /// <summary>32-bit float (TF <c>DT_FLOAT</c>).</summary>
    Float32,

    /// <summary>32-bit signed integer (TF <c>DT_INT32</c>).</summary>
    Int32,

    /// <summary>Boolean, stored as 0/1 integers (TF <c>DT_BOOL</c>).</summary>
    Bool,
}
