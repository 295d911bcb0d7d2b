using Polypose.Geometry;

namespace Polypose.Export.Exporters;

/// <summary>Names, default units and layout facts of each <see cref="ExportFormat"/>.</summary>
public static class ExportFormats
{
    /// <summary>The names accepted by <see cref="TryParse"/>, in help order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["trc", "c3d", "bvh", "gltf", "csv", "easymocap"];

    /// <summary>Parses a format name (case-insensitive; "glb" is accepted for glTF).</summary>
    public static bool TryParse(string? text, out ExportFormat format)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "TRC":
                format = ExportFormat.Trc;
                return true;
            case "C3D":
                format = ExportFormat.C3d;
                return true;
            case "BVH":
                format = ExportFormat.Bvh;
                return true;
            case "GLTF" or "GLB":
                format = ExportFormat.Gltf;
                return true;
            case "CSV":
                format = ExportFormat.Csv;
                return true;
            case "EASYMOCAP" or "KEYPOINTS3D":
                format = ExportFormat.EasyMocap;
                return true;
            default:
                format = ExportFormat.Csv;
                return false;
        }
    }

    /// <summary>The unit written when none is asked for: TRC m (as Pose2Sim), BVH cm, C3D and CSV mm, glTF and EasyMocap m.</summary>
    public static LengthUnit DefaultUnit(this ExportFormat format) => format switch
    {
        ExportFormat.Trc => LengthUnit.Metre,
        ExportFormat.Bvh => LengthUnit.Centimetre,
        ExportFormat.C3d or ExportFormat.Csv => LengthUnit.Millimetre,
        ExportFormat.Gltf or ExportFormat.EasyMocap => LengthUnit.Metre,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown export format"),
    };

    /// <summary>True when the format's unit is fixed by its specification (glTF: metres; EasyMocap: metres).</summary>
    public static bool HasFixedUnit(this ExportFormat format) => format is ExportFormat.Gltf or ExportFormat.EasyMocap;

    /// <summary>True when the format holds one subject per file, so several people give one file each.</summary>
    public static bool IsSingleSubject(this ExportFormat format) => format is ExportFormat.Trc or ExportFormat.Bvh;

    /// <summary>The lower-case name used on the command line.</summary>
    public static string Name(this ExportFormat format) => Names[(int)format];
}
