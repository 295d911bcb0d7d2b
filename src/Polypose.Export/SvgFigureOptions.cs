namespace Polypose.Export;

/// <summary>Layout of an <see cref="SvgFigure"/>: panel width in SVG units, columns, and what to draw.</summary>
public sealed record SvgFigureOptions
{
    /// <summary>Width of one camera panel (SVG user units); height follows the image aspect.</summary>
    public double PanelWidth { get; init; } = 360;

    /// <summary>Camera panels per row (the top-down panel is appended after the cameras).</summary>
    public int Columns { get; init; } = 3;

    /// <summary>Draw a bird's-eye (x-y plane) panel with camera positions and people.</summary>
    public bool TopView { get; init; } = true;

    /// <summary>Half-size of the bird's-eye panel's square extent around the cameras' centroid, mm (0 = fit).</summary>
    public double TopViewHalfExtent { get; init; }

    /// <summary>A caption written under the figure.</summary>
    public string? Caption { get; init; }
}
