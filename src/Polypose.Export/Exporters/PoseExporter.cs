using System.Globalization;
using Polypose.Geometry;

namespace Polypose.Export.Exporters;

/// <summary>
/// Exports a <see cref="PoseSequence"/> to one of the <see cref="ExportFormat"/>s. Single-subject formats (TRC, BVH)
/// write one file per person: <c>--out F</c> as given for one person, else <c>F_person{id}.ext</c> per id. C3D, glTF and
/// CSV write one file; EasyMocap writes the folder F. All outputs are staged and moved into place together at the end,
/// so a failure leaves nothing half-written.
/// </summary>
public static class PoseExporter
{
    /// <summary>The output paths an export of <paramref name="sequence"/> to <paramref name="output"/> writes.</summary>
    public static IReadOnlyList<string> OutputPaths(PoseSequence sequence, ExportFormat format, string output)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentException.ThrowIfNullOrEmpty(output);
        if (!format.IsSingleSubject() || sequence.People.Count == 1)
        {
            return [output];
        }

        var dir = Path.GetDirectoryName(output) ?? string.Empty;
        var stem = Path.GetFileNameWithoutExtension(output);
        var ext = Path.GetExtension(output);
        return [.. sequence.People.Select(p => Path.Combine(dir, $"{stem}_person{p.Id.ToString(CultureInfo.InvariantCulture)}{ext}"))];
    }

    /// <summary>
    /// Writes the export. <paramref name="unit"/> null = the format's default; <paramref name="progress"/> receives the
    /// overall fraction done (0–1); <paramref name="bvhBones"/> says how BVH treats bones of varying length.
    /// </summary>
    /// <exception cref="ArgumentException">The unit does not apply to the format, or the sequence does not fit the format (C3D limits, BVH roots).</exception>
    /// <exception cref="ExportOutputException">An output cannot be written; nothing was left behind.</exception>
    public static ExportResult Export(PoseSequence sequence, ExportFormat format, string output, LengthUnit? unit = null, IProgress<double>? progress = null, BvhBones bvhBones = BvhBones.Exact)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentException.ThrowIfNullOrEmpty(output);
        if (unit is { } u && format.HasFixedUnit() && u != format.DefaultUnit())
        {
            throw new ArgumentException($"{format.Name()} is always written in {format.DefaultUnit().Symbol()}; --unit {u.Symbol()} does not apply");
        }

        var chosen = unit ?? format.DefaultUnit();
        var paths = OutputPaths(sequence, format, output);
        var missing = sequence.People.Sum(p => CountMissing(p, sequence.Skeleton.JointCount));
        long filled = 0;
        using var staged = new StagedOutputs();
        switch (format)
        {
            case ExportFormat.Trc:
            case ExportFormat.Bvh:
                for (var i = 0; i < paths.Count; i++)
                {
                    var person = sequence.People[i];
                    var part = Part(progress, i, paths.Count);
                    using var stream = staged.CreateFile(paths[i]);
                    if (format == ExportFormat.Trc)
                    {
                        TrcWriter.Write(stream, sequence, person, chosen, Path.GetFileName(paths[i]), part);
                    }
                    else
                    {
                        filled += BvhWriter.Write(stream, sequence, person, chosen, part, bvhBones).FilledCount;
                    }
                }

                break;
            case ExportFormat.C3d:
                using (var stream = staged.CreateFile(paths[0]))
                {
                    C3dWriter.Write(stream, sequence, chosen, Part(progress, 0, 1));
                }

                break;
            case ExportFormat.Gltf:
                using (var stream = staged.CreateFile(paths[0]))
                {
                    filled += GlbWriter.Write(stream, sequence, Part(progress, 0, 1)).Sum(t => (long)t.FilledCount);
                }

                break;
            case ExportFormat.Csv:
                using (var stream = staged.CreateFile(paths[0]))
                {
                    CsvWriter.Write(stream, sequence, chosen, Part(progress, 0, 1));
                }

                break;
            case ExportFormat.EasyMocap:
                EasyMocapWriter.Write(staged.CreateFolder(paths[0]), sequence, Part(progress, 0, 1));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unknown export format");
        }

        staged.Commit();
        progress?.Report(1);
        return new ExportResult(format, paths, sequence.People.Count, sequence.FrameCount, sequence.Fps, missing, filled);
    }

    private static long CountMissing(PersonTrack person, int joints)
    {
        long n = 0;
        for (var f = person.FirstRow; f <= person.LastRow; f++)
        {
            for (var j = 0; j < joints; j++)
            {
                if (!person.Has(f, j))
                {
                    n++;
                }
            }
        }

        return n;
    }

    private static Action<double>? Part(IProgress<double>? progress, int index, int count) =>
        progress is null ? null : fraction => progress.Report((index + fraction) / count);
}
