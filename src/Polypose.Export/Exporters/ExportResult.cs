namespace Polypose.Export.Exporters;

/// <summary>What an export wrote: the output paths, people and frames, and how many joint entries were missing in
/// the input and how many of those were filled by interpolation (BVH and glTF only: the formats with no gap convention).</summary>
public sealed record ExportResult(
    ExportFormat Format,
    IReadOnlyList<string> Outputs,
    int People,
    int Frames,
    double Fps,
    long MissingEntries,
    long FilledEntries);
