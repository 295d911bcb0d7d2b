using System.Text.Json;
using Polypose.Geometry;

namespace Polypose.Viewer;

/// <summary>
/// The page's scene description (<c>/api/scene.json</c>): skeleton (joint names, bones as [parent, child]), frame
/// count and rate, and the cameras: name, image size (px), intrinsics fx, fy, cx, cy, skew (px), world-to-camera
/// R (row-major 3×3) and t (mm), and centre (mm, world z-up). The joints themselves travel in <see cref="PoseBinary"/>.
/// </summary>
public static class SceneDescription
{
    /// <summary>Writes the description of <paramref name="scene"/> as UTF-8 JSON.</summary>
    public static byte[] ToJson(ViewerScene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            var poses = scene.Poses;
            w.WriteStartObject();
            w.WriteString("format", "polypose-viewer-scene");
            w.WriteNumber("version", 1);
            w.WriteString("skeleton", poses.Skeleton.Name);
            w.WriteStartArray("joints");
            foreach (var name in poses.Skeleton.JointNames)
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
            w.WriteStartArray("bones");
            foreach (var (parent, child) in poses.Skeleton.Bones)
            {
                w.WriteStartArray();
                w.WriteNumberValue(parent);
                w.WriteNumberValue(child);
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteNumber("frames", poses.Frames.Count);
            w.WriteNumber("fps", scene.Fps);
            w.WriteBoolean("detections", scene.Detections is not null);
            w.WriteStartArray("cameras");
            foreach (var camera in scene.Rig ?? (IEnumerable<Camera>)[])
            {
                WriteCamera(w, camera);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteCamera(Utf8JsonWriter w, Camera camera)
    {
        w.WriteStartObject();
        w.WriteString("name", camera.Name);
        w.WriteNumber("width", camera.Width);
        w.WriteNumber("height", camera.Height);
        var k = camera.Intrinsics;
        WriteNumbers(w, "k", [k.Fx, k.Fy, k.Cx, k.Cy, k.Skew]);
        WriteNumbers(w, "r", camera.Rotation.ToRowMajor());
        WriteNumbers(w, "t", [camera.Translation.X, camera.Translation.Y, camera.Translation.Z]);
        WriteNumbers(w, "center", [camera.Center.X, camera.Center.Y, camera.Center.Z]);
        w.WriteEndObject();
    }

    private static void WriteNumbers(Utf8JsonWriter w, string name, ReadOnlySpan<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }
}
