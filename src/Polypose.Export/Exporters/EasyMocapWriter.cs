using System.Globalization;
using System.Text.Json;
using Polypose.Core.Skeletons;

namespace Polypose.Export.Exporters;

/// <summary>
/// Writes EasyMocap <c>keypoints3d</c>: one JSON file per frame, <c>%06d.json</c> by frame number, holding a list of
/// <c>{"id": ID, "keypoints3d": [[x, y, z, confidence], ...]}</c> in metres in the world frame (z-up, as EasyMocap's
/// calibrated world). Skeletons whose joint names all exist in BODY25 are written in BODY25 order (EasyMocap's
/// default), the other joints as [0, 0, 0, 0]; other skeletons in their own order. A missing joint is [0, 0, 0, 0].
/// </summary>
public static class EasyMocapWriter
{
    /// <summary>The joint order written: BODY25 when every joint name maps to it, otherwise the sequence's own.</summary>
    public static Skeleton OutputSkeleton(Skeleton skeleton)
    {
        ArgumentNullException.ThrowIfNull(skeleton);
        return skeleton.JointNames.All(n => KnownSkeletons.Body25.IndexOf(n) >= 0) ? KnownSkeletons.Body25 : skeleton;
    }

    /// <summary>The file name of a frame number.</summary>
    public static string FileName(int frameNumber) => frameNumber.ToString("D6", CultureInfo.InvariantCulture) + ".json";

    /// <summary>Writes every frame of <paramref name="sequence"/> into <paramref name="folder"/> (which must exist).</summary>
    public static void Write(string folder, PoseSequence sequence, Action<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var output = OutputSkeleton(sequence.Skeleton);
        var source = output.JointNames.Select(n => sequence.Skeleton.IndexOf(n)).ToArray();
        for (var f = 0; f < sequence.FrameCount; f++)
        {
            using (var stream = new FileStream(Path.Combine(folder, FileName(sequence.FrameNumberOf(f))), FileMode.CreateNew, FileAccess.Write))
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartArray();
                foreach (var person in sequence.People)
                {
                    if (!person.IsPresent(f))
                    {
                        continue;
                    }

                    w.WriteStartObject();
                    w.WriteNumber("id", person.Id);
                    w.WriteStartArray("keypoints3d");
                    foreach (var j in source)
                    {
                        w.WriteStartArray();
                        if (j >= 0 && person.Has(f, j))
                        {
                            var v = person.At(f, j);
                            w.WriteNumberValue(Math.Round(v.X / 1000, 7));
                            w.WriteNumberValue(Math.Round(v.Y / 1000, 7));
                            w.WriteNumberValue(Math.Round(v.Z / 1000, 7));
                            w.WriteNumberValue(Math.Round(person.ConfidenceAt(f, j), 6));
                        }
                        else
                        {
                            w.WriteNumberValue(0);
                            w.WriteNumberValue(0);
                            w.WriteNumberValue(0);
                            w.WriteNumberValue(0);
                        }

                        w.WriteEndArray();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            progress?.Invoke((f + 1) / (double)sequence.FrameCount);
        }
    }
}
