using Polypose.Core.Options;

namespace Polypose.Export;

/// <summary>
/// Layout of an <see cref="SvgFigure"/>: panel width in SVG units, columns, and what to draw. Every setting is checked when
/// set (an out-of-range SvgFigureOptions cannot be built).
/// </summary>
public sealed record SvgFigureOptions
{
    /// <summary>Width of one camera panel (SVG user units, &gt; 0); height follows the image aspect.</summary>
    public double PanelWidth { get; init => field = OptionCheck.Positive(value, nameof(PanelWidth)); } = 360;

    /// <summary>Camera panels per row, ≥ 1 (the top-down panel is appended after the cameras).</summary>
    public int Columns { get; init => field = OptionCheck.AtLeast(value, 1, nameof(Columns)); } = 3;

    /// <summary>Draw a bird's-eye (x-y plane) panel with camera positions and people.</summary>
    public bool TopView { get; init; } = true;

    /// <summary>Half-size of the bird's-eye panel's square extent around the cameras' centroid, mm (≥ 0; 0 = fit).</summary>
    public double TopViewHalfExtent { get; init => field = OptionCheck.NonNegative(value, nameof(TopViewHalfExtent)); }

    /// <summary>A caption written under the figure.</summary>
    public string? Caption { get; init; }
}
