namespace Polypose.Formats.Calibration.Toml;

/// <summary>A TOML table: its full name (dotted for sub-tables, empty for the root), where it starts, and its keys in file order.</summary>
internal sealed class TomlTable(string name, int line, int column)
{
    private readonly List<KeyValuePair<string, TomlValue>> entries = [];
    private readonly Dictionary<string, TomlValue> byKey = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    /// <summary>The name's parts ("a.b" header gives ["a", "b"]).</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    public int Line { get; } = line;

    public int Column { get; } = column;

    public IReadOnlyList<KeyValuePair<string, TomlValue>> Entries => entries;

    public bool TryGet(string key, out TomlValue value) => byKey.TryGetValue(key, out value!);

    /// <summary>Adds a key; false when it is already present.</summary>
    public bool TryAdd(string key, TomlValue value)
    {
        if (!byKey.TryAdd(key, value))
        {
            return false;
        }

        entries.Add(new(key, value));
        return true;
    }
}
