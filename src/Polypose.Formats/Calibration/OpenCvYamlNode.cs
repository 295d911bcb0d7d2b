namespace Polypose.Formats.Calibration;

/// <summary>
/// A node of an OpenCV FileStorage YAML file as <see cref="OpenCvYamlLoader"/> keeps it, with the 1-based line and
/// column where it starts: a scalar, a sequence, a mapping, or a well-formed <c>!!opencv-matrix</c> held compactly
/// (<see cref="OpenCvMatrix"/>: its shape and numbers, no node per value).
/// </summary>
internal abstract class OpenCvYamlNode(int line, int column)
{
    /// <summary>1-based line of the node's start.</summary>
    public int Line { get; } = line;

    /// <summary>1-based column of the node's start.</summary>
    public int Column { get; } = column;
}

/// <summary>A scalar and its text.</summary>
internal sealed class OpenCvScalar(string value, int line, int column) : OpenCvYamlNode(line, column)
{
    /// <summary>The scalar's text.</summary>
    public string Value { get; } = value;
}

/// <summary>A sequence of nodes.</summary>
internal sealed class OpenCvSequence(List<OpenCvYamlNode> items, int line, int column) : OpenCvYamlNode(line, column)
{
    /// <summary>The items in file order.</summary>
    public IReadOnlyList<OpenCvYamlNode> Items { get; } = items;
}

/// <summary>A mapping: its scalar keys in file order and a lookup of each key's first value.</summary>
internal sealed class OpenCvMapping(List<string> keys, Dictionary<string, OpenCvYamlNode> values, int line, int column) : OpenCvYamlNode(line, column)
{
    /// <summary>The scalar keys in file order.</summary>
    public IReadOnlyList<string> Keys { get; } = keys;

    /// <summary>The value under a key, when present.</summary>
    public bool TryGet(string key, out OpenCvYamlNode value) => values.TryGetValue(key, out value!);
}

/// <summary>
/// An <c>!!opencv-matrix</c> mapping whose rows and cols are whole numbers 1-10000 and whose data are finite numbers:
/// the values row-major, and where the data list starts (its length may still differ from rows × cols).
/// </summary>
internal sealed class OpenCvMatrix(int rows, int cols, double[] data, int dataLine, int dataColumn, int line, int column) : OpenCvYamlNode(line, column)
{
    /// <summary>The rows entry.</summary>
    public int Rows { get; } = rows;

    /// <summary>The cols entry.</summary>
    public int Cols { get; } = cols;

    /// <summary>The data values in file order.</summary>
    public double[] Data { get; } = data;

    /// <summary>1-based line of the data list.</summary>
    public int DataLine { get; } = dataLine;

    /// <summary>1-based column of the data list.</summary>
    public int DataColumn { get; } = dataColumn;
}
