using System.Text;
using Polypose.Geometry;

namespace Polypose.Export.Exporters;

/// <summary>
/// Writes a tidy CSV: header <c>frame,time,person,joint,x,y,z,confidence,flags</c>, one row per frame, present person
/// and joint (ordered by frame, person id, joint index). frame = input frame number, time in seconds from the first
/// frame, x/y/z in the world frame (z-up) in the chosen unit. flags is <c>observed</c>, or <c>missing</c> with empty
/// x, y, z and confidence 0.
/// </summary>
public static class CsvWriter
{
    /// <summary>The header line (without the newline).</summary>
    public const string Header = "frame,time,person,joint,x,y,z,confidence,flags";

    /// <summary>Writes every person of <paramref name="sequence"/>.</summary>
    public static void Write(Stream stream, PoseSequence sequence, LengthUnit unit, Action<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sequence);
        var scale = 1 / unit.MillimetresPerUnit();
        var decimals = Numbers.LengthDecimals(unit.MillimetresPerUnit());
        var names = sequence.Skeleton.JointNames.Select(Quote).ToArray();
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        w.WriteLine(Header);
        var line = new StringBuilder();
        for (var f = 0; f < sequence.FrameCount; f++)
        {
            var frame = sequence.FrameNumberOf(f).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var time = Numbers.Text(sequence.TimeOf(f), 6);
            foreach (var person in sequence.People)
            {
                if (!person.IsPresent(f))
                {
                    continue;
                }

                for (var j = 0; j < names.Length; j++)
                {
                    line.Clear().Append(frame).Append(',').Append(time).Append(',').Append(person.Id).Append(',').Append(names[j]).Append(',');
                    if (person.Has(f, j))
                    {
                        var v = person.At(f, j) * scale;
                        line.Append(Numbers.Text(v.X, decimals)).Append(',').Append(Numbers.Text(v.Y, decimals)).Append(',').Append(Numbers.Text(v.Z, decimals))
                            .Append(',').Append(Numbers.Text(person.ConfidenceAt(f, j), 6)).Append(",observed");
                    }
                    else
                    {
                        line.Append(",,,0,missing");
                    }

                    w.WriteLine(line.ToString());
                }
            }

            progress?.Invoke((f + 1) / (double)sequence.FrameCount);
        }
    }

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
