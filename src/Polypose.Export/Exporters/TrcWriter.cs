using System.Text;
using Polypose.Geometry;

namespace Polypose.Export.Exporters;

/// <summary>
/// Writes one person as an OpenSim TRC marker file (the Motion Analysis "PathFileType 4" text layout that OpenSim's
/// TRCFileAdapter reads): tab-separated, marker names = joint names, the Y-up axes of <see cref="YUpAxes"/>, one row
/// per frame of the whole sequence (row numbers from 1, time from 0 s). A missing marker is written as three empty
/// fields, the TRC convention for a gap (OpenSim reads them as NaN).
/// </summary>
public static class TrcWriter
{
    /// <summary>Writes <paramref name="person"/> of <paramref name="sequence"/>; <paramref name="fileName"/> goes in the first header line.</summary>
    public static void Write(Stream stream, PoseSequence sequence, PersonTrack person, LengthUnit unit, string fileName, Action<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(person);
        var names = sequence.Skeleton.JointNames;
        var scale = 1 / unit.MillimetresPerUnit();
        var decimals = Numbers.LengthDecimals(unit.MillimetresPerUnit());
        var rate = Numbers.Text(sequence.Fps, 6);
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        w.WriteLine($"PathFileType\t4\t(X/Y/Z)\t{fileName}");
        w.WriteLine("DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\tOrigNumFrames");
        w.WriteLine($"{rate}\t{rate}\t{sequence.FrameCount}\t{names.Count}\t{unit.Symbol()}\t{rate}\t{sequence.FirstFrame}\t{sequence.FrameCount}");
        var line = new StringBuilder("Frame#\tTime");
        foreach (var n in names)
        {
            line.Append('\t').Append(n).Append("\t\t");
        }

        w.WriteLine(line.ToString());
        line.Clear().Append('\t');
        for (var j = 1; j <= names.Count; j++)
        {
            line.Append($"\tX{j}\tY{j}\tZ{j}");
        }

        w.WriteLine(line.ToString());
        w.WriteLine();
        for (var f = 0; f < sequence.FrameCount; f++)
        {
            line.Clear().Append(f + 1).Append('\t').Append(Numbers.Text(sequence.TimeOf(f), 6));
            for (var j = 0; j < names.Count; j++)
            {
                if (person.Has(f, j))
                {
                    var v = YUpAxes.FromWorld(person.At(f, j), scale);
                    line.Append('\t').Append(Numbers.Text(v.X, decimals))
                        .Append('\t').Append(Numbers.Text(v.Y, decimals))
                        .Append('\t').Append(Numbers.Text(v.Z, decimals));
                }
                else
                {
                    line.Append("\t\t\t");
                }
            }

            w.WriteLine(line.ToString());
            progress?.Invoke((f + 1) / (double)sequence.FrameCount);
        }
    }
}
