using System.Text.Json;
using Polypose.Core.Poses;

namespace Polypose.Viewer;

/// <summary>
/// One frame's 2D panel data (<c>/api/views?frame=N</c>): per camera (rig order) the detections as flat
/// [x, y, score] triples per joint (pixels in the distorted image, score 0 = missing) and each 3D person reprojected
/// through the full camera model (distortion included) as { id, xy: [x, y] per joint, null where the joint is
/// missing or does not project }. Pixels are rounded to 0.1 px.
/// </summary>
public static class ViewPanelData
{
    /// <summary>Writes the panel data of frame number <paramref name="frameNumber"/> (empty views when the scene has no cameras or no such frame).</summary>
    public static byte[] ToJson(ViewerScene scene, int frameNumber)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var poses = scene.PoseFrame(frameNumber);
        var detections = scene.DetectionFrame(frameNumber);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("frame", frameNumber);
            w.WriteStartArray("views");
            var rig = scene.Rig;
            for (var v = 0; rig is not null && v < rig.Count; v++)
            {
                w.WriteStartObject();
                w.WriteString("name", rig[v].Name);
                w.WriteStartArray("detections");
                foreach (var person in detections?.Views[v] ?? [])
                {
                    WriteDetection(w, person);
                }

                w.WriteEndArray();
                w.WriteStartArray("reprojections");
                foreach (var person in poses?.People ?? [])
                {
                    w.WriteStartObject();
                    w.WriteNumber("id", person.Id);
                    w.WriteStartArray("xy");
                    for (var j = 0; j < person.Joints.Length; j++)
                    {
                        var projection = person.Has(j) ? rig[v].Project(person.Joints[j]) : default;
                        if (projection.IsValid)
                        {
                            w.WriteNumberValue(Math.Round(projection.Pixel.X, 1));
                            w.WriteNumberValue(Math.Round(projection.Pixel.Y, 1));
                        }
                        else
                        {
                            w.WriteNullValue();
                            w.WriteNullValue();
                        }
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteDetection(Utf8JsonWriter w, Person2D person)
    {
        w.WriteStartArray();
        foreach (var k in person.Joints)
        {
            var present = k.IsPresent;
            w.WriteNumberValue(present ? Math.Round(k.X, 1) : 0);
            w.WriteNumberValue(present ? Math.Round(k.Y, 1) : 0);
            w.WriteNumberValue(present ? Math.Round(k.Score, 3) : 0);
        }

        w.WriteEndArray();
    }
}
