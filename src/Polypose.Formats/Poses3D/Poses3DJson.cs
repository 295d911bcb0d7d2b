using System.Text.Json;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;

namespace Polypose.Formats.Poses3D;

/// <summary>
/// The Polypose 3D pose JSON format (reconstruction output, pseudo-labels, converted ground truth); see
/// docs/pose3d-format.md. World millimetres, z-up; per person id, joints [J][3], confidence [J] (0 = missing, position
/// written as 0, 0, 0) and views [V] (detection index per camera, −1 = unused).
/// </summary>
public static partial class Poses3DJson
{
    /// <summary>The value of the "format" field.</summary>
    public const string FormatName = "polypose-poses3d";

    /// <summary>The format version this code writes and reads.</summary>
    public const int Version = 1;

    /// <summary>
    /// Writes frames atomically. Every person must use <paramref name="skeleton"/>; its DetectionPerView must have one
    /// entry per camera (or none: written as −1s). Joints with positive confidence must be finite. A list is checked
    /// whole before anything is written; any other sequence is streamed: each frame is checked, written to the
    /// temporary file and flushed as it comes, so memory does not grow with the sequence (a bad frame still leaves
    /// nothing behind).
    /// </summary>
    /// <param name="path">Output file.</param>
    /// <param name="skeleton">The skeleton every person uses.</param>
    /// <param name="frames">The frames, written in this order.</param>
    /// <param name="cameraNames">The camera names that the per-view detection indices refer to.</param>
    /// <param name="frameRate">Frames per second, written as the optional "fps" field when given.</param>
    /// <exception cref="ArgumentException">A person does not fit the skeleton or camera list, or holds a non-finite joint.</exception>
    public static void Write(string path, Skeleton skeleton, IEnumerable<Frame3D> frames, IReadOnlyList<string> cameraNames, double? frameRate = null)
    {
        if (frameRate is { } rate && !(double.IsFinite(rate) && rate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(frameRate), rate, "must be finite and > 0");
        }

        ArgumentNullException.ThrowIfNull(skeleton);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(cameraNames);
        var list = frames as IReadOnlyList<Frame3D>;
        foreach (var frame in list ?? [])
        {
            foreach (var p in frame.People)
            {
                Check(skeleton, cameraNames.Count, frame.FrameIndex, p);
            }
        }

        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteNumber("version", Version);
            w.WriteString("unit", "mm");
            w.WriteString("world", "z-up");
            w.WriteString("skeleton", skeleton.Name);
            WriteStrings(w, "joints", skeleton.JointNames);
            w.WriteStartArray("parents");
            foreach (var parent in skeleton.Parents)
            {
                w.WriteNumberValue(parent);
            }

            w.WriteEndArray();
            WriteStrings(w, "cameras", cameraNames);
            if (frameRate is { } fps)
            {
                w.WriteNumber("fps", fps);
            }

            w.WriteStartArray("frames");
            foreach (var frame in list ?? frames)
            {
                if (list is null)
                {
                    foreach (var p in frame.People)
                    {
                        Check(skeleton, cameraNames.Count, frame.FrameIndex, p);
                    }
                }

                w.WriteStartObject();
                w.WriteNumber("frame", frame.FrameIndex);
                if (frame.OptimalityGap is { } gap)
                {
                    // Only frames whose association was not proven optimal carry these (docs/pose3d-format.md).
                    w.WriteBoolean("optimal", false);
                    w.WriteNumber("optimalityGap", gap);
                }

                w.WriteStartArray("people");
                foreach (var p in frame.People)
                {
                    WritePerson(w, p, cameraNames.Count);
                }

                w.WriteEndArray();
                w.WriteEndObject();
                if (w.BytesPending > 1 << 16)
                {
                    w.Flush();
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WritePerson(Utf8JsonWriter w, Person3D p, int cameras)
    {
        w.WriteStartObject();
        w.WriteNumber("id", p.Id);
        w.WriteStartArray("joints");
        for (var j = 0; j < p.Joints.Length; j++)
        {
            var v = p.Confidence[j] > 0 ? p.Joints[j] : Vec3.Zero;
            w.WriteStartArray();
            w.WriteNumberValue(v.X);
            w.WriteNumberValue(v.Y);
            w.WriteNumberValue(v.Z);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteStartArray("confidence");
        foreach (var c in p.Confidence)
        {
            w.WriteNumberValue(c > 0 ? c : 0);
        }

        w.WriteEndArray();
        w.WriteStartArray("views");
        for (var v = 0; v < cameras; v++)
        {
            w.WriteNumberValue(p.DetectionPerView.Length == 0 ? -1 : Math.Max(-1, p.DetectionPerView[v]));
        }

        w.WriteEndArray();
        if (p.Flags is { } flags && flags.Any(f => f != JointEdits.None))
        {
            w.WriteStartArray("flags");
            foreach (var f in flags)
            {
                w.WriteNumberValue((int)f);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var s in values)
        {
            w.WriteStringValue(s);
        }

        w.WriteEndArray();
    }

    private static void Check(Skeleton skeleton, int cameras, int frame, Person3D p)
    {
        var who = $"frame {frame}, person {p.Id}";
        if (p.Skeleton.Name != skeleton.Name || p.Joints.Length != skeleton.JointCount || p.Confidence.Length != skeleton.JointCount)
        {
            throw new ArgumentException($"{who}: skeleton '{p.Skeleton.Name}' with {p.Joints.Length} joints and {p.Confidence.Length} confidences; the file is '{skeleton.Name}' ({skeleton.JointCount})");
        }

        if (p.DetectionPerView.Length != 0 && p.DetectionPerView.Length != cameras)
        {
            throw new ArgumentException($"{who}: {p.DetectionPerView.Length} per-view detection indices for {cameras} cameras");
        }

        if (p.Flags is { } flags && flags.Length != skeleton.JointCount)
        {
            throw new ArgumentException($"{who}: {flags.Length} joint flags for {skeleton.JointCount} joints");
        }

        for (var j = 0; j < p.Joints.Length; j++)
        {
            if (!double.IsFinite(p.Confidence[j]) || (p.Confidence[j] > 0 && !p.Joints[j].IsFinite))
            {
                throw new ArgumentException($"{who}: joint {j} ({skeleton.JointNames[j]}) is not finite (position {p.Joints[j]}, confidence {p.Confidence[j]})");
            }
        }
    }
}
