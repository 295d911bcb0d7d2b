namespace Polypose.Formats.Calibration.Toml;

/// <summary>The kinds of value the TOML subset knows.</summary>
internal enum TomlKind
{
    String,
    Integer,
    Float,
    Boolean,
    Array,
    Table,
}

/// <summary>A parsed TOML value with the 1-based line and column where it starts.</summary>
internal sealed class TomlValue
{
    private TomlValue(TomlKind kind, int line, int column)
    {
        Kind = kind;
        Line = line;
        Column = column;
    }

    public TomlKind Kind { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The text of a string value.</summary>
    public string Text { get; private init; } = string.Empty;

    /// <summary>The value of a number (integers converted to double); may be NaN or infinite for TOML nan/inf.</summary>
    public double Number { get; private init; }

    public bool Boolean { get; private init; }

    /// <summary>Array items.</summary>
    public IReadOnlyList<TomlValue> Items { get; private init; } = [];

    /// <summary>Inline-table contents.</summary>
    public TomlTable? Table { get; private init; }

    /// <summary>A short description for error messages: "the string "x"", "an array of 3", ...</summary>
    public string Describe() => Kind switch
    {
        TomlKind.String => $"the string \"{Text}\"",
        TomlKind.Integer or TomlKind.Float => $"the number {Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        TomlKind.Boolean => Boolean ? "true" : "false",
        TomlKind.Array => $"an array of {Items.Count}",
        _ => "an inline table",
    };

    public static TomlValue OfString(string s, int line, int col) => new(TomlKind.String, line, col) { Text = s };

    public static TomlValue OfNumber(double v, bool integer, int line, int col) =>
        new(integer ? TomlKind.Integer : TomlKind.Float, line, col) { Number = v };

    public static TomlValue OfBoolean(bool b, int line, int col) => new(TomlKind.Boolean, line, col) { Boolean = b };

    public static TomlValue OfArray(IReadOnlyList<TomlValue> items, int line, int col) => new(TomlKind.Array, line, col) { Items = items };

    public static TomlValue OfTable(TomlTable table, int line, int col) => new(TomlKind.Table, line, col) { Table = table };
}
