namespace Polypose.Formats.Calibration.Toml;

/// <summary>A parsed TOML file: the root table (keys before the first header) and the [tables] in file order.</summary>
internal sealed class TomlDocument(TomlTable root, IReadOnlyList<TomlTable> tables)
{
    public TomlTable Root { get; } = root;

    public IReadOnlyList<TomlTable> Tables { get; } = tables;
}
