using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Polypose.Geometry;

namespace Polypose.Export.Exporters;

/// <summary>
/// Writes glTF 2.0 binary (.glb): per person, a node named <c>person {id}</c> holding the joint nodes (named after the
/// joints, parented as the skeleton) whose translations are animated (one LINEAR sampler per joint over the frames
/// where the person appears, gaps filled as <see cref="FilledTrack"/> says), plus a skinned LINES mesh (one segment
/// per bone, each end bound to its joint) so that viewers draw the skeleton. glTF units and axes: metres, +Y up; the
/// axes are those of <see cref="YUpAxes"/>. The static node translations are the rest pose of
/// <see cref="BvhRestPose"/> with the person's median bone lengths. One animation, "motion", holds every person.
/// </summary>
public static class GlbWriter
{
    private const int ArrayBuffer = 34962;
    private const int Float = 5126;
    private const int UnsignedShort = 5123;

    /// <summary>Writes every person of <paramref name="sequence"/>; returns their filled tracks (for reporting).</summary>
    public static IReadOnlyList<FilledTrack> Write(Stream stream, PoseSequence sequence, Action<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sequence);
        var skeleton = sequence.Skeleton;
        var joints = skeleton.JointCount;
        var order = FilledTrack.ParentsFirst(skeleton);
        using var bin = new BinaryBuilder();
        using var json = new MemoryStream();
        var tracks = new List<FilledTrack>();
        using (var w = new Utf8JsonWriter(json))
        {
            var accessors = new List<Action<Utf8JsonWriter>>();
            var views = new List<(int Offset, int Length, int? Target)>();
            int AddAccessor(float[] data, string type, bool minMax, int count)
            {
                var offset = bin.Add(data);
                views.Add((offset, data.Length * 4, null));
                var view = views.Count - 1;
                var comps = data.Length / count;
                float[]? min = null, max = null;
                if (minMax)
                {
                    min = new float[comps];
                    max = new float[comps];
                    Array.Fill(min, float.PositiveInfinity);
                    Array.Fill(max, float.NegativeInfinity);
                    for (var i = 0; i < data.Length; i++)
                    {
                        min[i % comps] = Math.Min(min[i % comps], data[i]);
                        max[i % comps] = Math.Max(max[i % comps], data[i]);
                    }
                }

                accessors.Add(a => WriteAccessor(a, view, Float, count, type, min, max));
                return accessors.Count - 1;
            }

            int AddVertexData(float[]? floats, ushort[]? shorts, string type, int count, bool minMax)
            {
                int offset, length;
                if (floats is not null)
                {
                    offset = bin.Add(floats);
                    length = floats.Length * 4;
                }
                else
                {
                    offset = bin.Add(shorts!);
                    length = shorts!.Length * 2;
                }

                views.Add((offset, length, ArrayBuffer));
                var view = views.Count - 1;
                float[]? min = null, max = null;
                if (minMax && floats is not null)
                {
                    min = [float.PositiveInfinity, float.PositiveInfinity, float.PositiveInfinity];
                    max = [float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity];
                    for (var i = 0; i < floats.Length; i++)
                    {
                        min[i % 3] = Math.Min(min[i % 3], floats[i]);
                        max[i % 3] = Math.Max(max[i % 3], floats[i]);
                    }
                }

                accessors.Add(a => WriteAccessor(a, view, floats is not null ? Float : UnsignedShort, count, type, min, max));
                return accessors.Count - 1;
            }

            // Nodes: per person [person node, joint nodes (skeleton order), mesh node].
            var nodes = new List<Action<Utf8JsonWriter>>();
            var sceneNodes = new List<int>();
            var meshes = new List<Action<Utf8JsonWriter>>();
            var skins = new List<Action<Utf8JsonWriter>>();
            var channels = new List<(int Sampler, int Node)>();
            var samplers = new List<(int Input, int Output)>();
            var done = 0;
            foreach (var person in sequence.People)
            {
                var filled = FilledTrack.From(person, skeleton);
                tracks.Add(filled);
                var lengths = BoneLengths.Median(person, skeleton);
                var personNode = nodes.Count;
                var firstJointNode = personNode + 1;
                var meshNode = firstJointNode + joints;

                // Rest pose (metres, Y-up): the root at its first position, bones along the T-pose directions.
                var restLocal = new Vec3[joints];
                var restGlobal = new Vec3[joints];
                foreach (var j in order)
                {
                    var parent = skeleton.Parents[j];
                    if (parent < 0)
                    {
                        restLocal[j] = YUpAxes.FromWorld(filled.At(0, j), 1e-3);
                        restGlobal[j] = restLocal[j];
                    }
                    else
                    {
                        var median = YUpAxes.FromWorld(filled.At(0, j) - filled.At(0, parent)).Normalized();
                        restLocal[j] = BvhRestPose.Direction(skeleton.JointNames[parent], skeleton.JointNames[j], median) * (lengths[j] * 1e-3);
                        restGlobal[j] = restGlobal[parent] + restLocal[j];
                    }
                }

                var roots = Enumerable.Range(0, joints).Where(j => skeleton.Parents[j] < 0).Select(j => firstJointNode + j).ToArray();
                var id = person.Id;
                nodes.Add(n =>
                {
                    n.WriteStartObject();
                    n.WriteString("name", $"person {id}");
                    WriteInts(n, "children", roots);
                    n.WriteEndObject();
                });
                for (var j = 0; j < joints; j++)
                {
                    var name = skeleton.JointNames[j];
                    var kids = Enumerable.Range(0, joints).Where(c => skeleton.Parents[c] == j).Select(c => firstJointNode + c).ToArray();
                    var t = restLocal[j];
                    nodes.Add(n =>
                    {
                        n.WriteStartObject();
                        n.WriteString("name", name);
                        WriteFloats(n, "translation", [(float)t.X, (float)t.Y, (float)t.Z]);
                        if (kids.Length > 0)
                        {
                            WriteInts(n, "children", kids);
                        }

                        n.WriteEndObject();
                    });
                }

                // Skinned LINES mesh: one segment per bone, each end weighted fully to its own joint.
                var bones = skeleton.Bones;
                var positions = new float[Math.Max(1, bones.Count) * 2 * 3];
                var jointIds = new ushort[Math.Max(1, bones.Count) * 2 * 4];
                var weights = new float[Math.Max(1, bones.Count) * 2 * 4];
                for (var b = 0; b < bones.Count; b++)
                {
                    var (pa, ch) = bones[b];
                    SetVertex(positions, jointIds, weights, 2 * b, restGlobal[pa], pa);
                    SetVertex(positions, jointIds, weights, (2 * b) + 1, restGlobal[ch], ch);
                }

                if (bones.Count == 0)
                {
                    SetVertex(positions, jointIds, weights, 0, restGlobal[0], 0);
                    SetVertex(positions, jointIds, weights, 1, restGlobal[0] + new Vec3(0, 0.01, 0), 0);
                }

                var vertexCount = positions.Length / 3;
                var posAccessor = AddVertexData(positions, null, "VEC3", vertexCount, minMax: true);
                var jointAccessor = AddVertexData(null, jointIds, "VEC4", vertexCount, minMax: false);
                var weightAccessor = AddVertexData(weights, null, "VEC4", vertexCount, minMax: false);
                var ibm = new float[joints * 16];
                for (var j = 0; j < joints; j++)
                {
                    // Column-major inverse bind matrix: the bind pose has no rotation, so it is a translation by −restGlobal.
                    ibm[(j * 16) + 0] = 1;
                    ibm[(j * 16) + 5] = 1;
                    ibm[(j * 16) + 10] = 1;
                    ibm[(j * 16) + 15] = 1;
                    ibm[(j * 16) + 12] = (float)-restGlobal[j].X;
                    ibm[(j * 16) + 13] = (float)-restGlobal[j].Y;
                    ibm[(j * 16) + 14] = (float)-restGlobal[j].Z;
                }

                var ibmAccessor = AddAccessor(ibm, "MAT4", minMax: false, joints);
                var meshIndex = meshes.Count;
                meshes.Add(m =>
                {
                    m.WriteStartObject();
                    m.WriteString("name", $"person {id} bones");
                    m.WriteStartArray("primitives");
                    m.WriteStartObject();
                    m.WriteStartObject("attributes");
                    m.WriteNumber("POSITION", posAccessor);
                    m.WriteNumber("JOINTS_0", jointAccessor);
                    m.WriteNumber("WEIGHTS_0", weightAccessor);
                    m.WriteEndObject();
                    m.WriteNumber("mode", 1);
                    m.WriteEndObject();
                    m.WriteEndArray();
                    m.WriteEndObject();
                });
                var skinIndex = skins.Count;
                var skinJoints = Enumerable.Range(firstJointNode, joints).ToArray();
                skins.Add(s =>
                {
                    s.WriteStartObject();
                    s.WriteString("name", $"person {id}");
                    s.WriteNumber("inverseBindMatrices", ibmAccessor);
                    s.WriteNumber("skeleton", personNode);
                    WriteInts(s, "joints", skinJoints);
                    s.WriteEndObject();
                });
                nodes.Add(n =>
                {
                    n.WriteStartObject();
                    n.WriteString("name", $"person {id} skeleton");
                    n.WriteNumber("mesh", meshIndex);
                    n.WriteNumber("skin", skinIndex);
                    n.WriteEndObject();
                });
                sceneNodes.Add(personNode);
                sceneNodes.Add(meshNode);

                // Animation: times of the person's rows and per-joint local translations.
                var times = new float[filled.Rows];
                for (var r = 0; r < filled.Rows; r++)
                {
                    times[r] = (float)sequence.TimeOf(filled.FirstRow + r);
                }

                var input = AddAccessor(times, "SCALAR", minMax: true, filled.Rows);
                for (var j = 0; j < joints; j++)
                {
                    var parent = skeleton.Parents[j];
                    var values = new float[filled.Rows * 3];
                    for (var r = 0; r < filled.Rows; r++)
                    {
                        var local = parent < 0 ? filled.At(r, j) : filled.At(r, j) - filled.At(r, parent);
                        var v = YUpAxes.FromWorld(local, 1e-3);
                        values[(r * 3) + 0] = (float)v.X;
                        values[(r * 3) + 1] = (float)v.Y;
                        values[(r * 3) + 2] = (float)v.Z;
                    }

                    samplers.Add((input, AddAccessor(values, "VEC3", minMax: false, filled.Rows)));
                    channels.Add((samplers.Count - 1, firstJointNode + j));
                }

                progress?.Invoke(++done / (double)sequence.People.Count);
            }

            w.WriteStartObject();
            w.WriteStartObject("asset");
            w.WriteString("version", "2.0");
            w.WriteString("generator", "Polypose export");
            w.WriteEndObject();
            w.WriteNumber("scene", 0);
            w.WriteStartArray("scenes");
            w.WriteStartObject();
            w.WriteString("name", $"{sequence.People.Count} people, {sequence.FrameCount} frames at {Numbers.Text(sequence.Fps, 6)} fps");
            WriteInts(w, "nodes", [.. sceneNodes]);
            w.WriteEndObject();
            w.WriteEndArray();
            WriteAll(w, "nodes", nodes);
            WriteAll(w, "meshes", meshes);
            WriteAll(w, "skins", skins);
            w.WriteStartArray("animations");
            w.WriteStartObject();
            w.WriteString("name", "motion");
            w.WriteStartArray("channels");
            foreach (var (sampler, node) in channels)
            {
                w.WriteStartObject();
                w.WriteNumber("sampler", sampler);
                w.WriteStartObject("target");
                w.WriteNumber("node", node);
                w.WriteString("path", "translation");
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("samplers");
            foreach (var (input, output) in samplers)
            {
                w.WriteStartObject();
                w.WriteNumber("input", input);
                w.WriteString("interpolation", "LINEAR");
                w.WriteNumber("output", output);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            WriteAll(w, "accessors", accessors);
            w.WriteStartArray("bufferViews");
            foreach (var (offset, length, target) in views)
            {
                w.WriteStartObject();
                w.WriteNumber("buffer", 0);
                w.WriteNumber("byteOffset", offset);
                w.WriteNumber("byteLength", length);
                if (target is { } t)
                {
                    w.WriteNumber("target", t);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("buffers");
            w.WriteStartObject();
            w.WriteNumber("byteLength", bin.Length);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        WriteContainer(stream, json.ToArray(), bin.ToArray());
        return tracks;
    }

    private static void SetVertex(float[] positions, ushort[] jointIds, float[] weights, int v, Vec3 p, int joint)
    {
        positions[(v * 3) + 0] = (float)p.X;
        positions[(v * 3) + 1] = (float)p.Y;
        positions[(v * 3) + 2] = (float)p.Z;
        jointIds[v * 4] = (ushort)joint;
        weights[v * 4] = 1;
    }

    private static void WriteAccessor(Utf8JsonWriter a, int view, int componentType, int count, string type, float[]? min, float[]? max)
    {
        a.WriteStartObject();
        a.WriteNumber("bufferView", view);
        a.WriteNumber("componentType", componentType);
        a.WriteNumber("count", count);
        a.WriteString("type", type);
        if (min is not null && max is not null)
        {
            WriteFloats(a, "min", min);
            WriteFloats(a, "max", max);
        }

        a.WriteEndObject();
    }

    private static void WriteContainer(Stream stream, byte[] json, byte[] bin)
    {
        var jsonPadded = (json.Length + 3) & ~3;
        var binPadded = (bin.Length + 3) & ~3;
        var total = 12 + 8 + jsonPadded + 8 + binPadded;
        var header = new byte[12];
        Encoding.ASCII.GetBytes("glTF").CopyTo(header, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)total);
        stream.Write(header);
        var chunk = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(chunk, (uint)jsonPadded);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), 0x4E4F534A);
        stream.Write(chunk);
        stream.Write(json);
        for (var i = json.Length; i < jsonPadded; i++)
        {
            stream.WriteByte((byte)' ');
        }

        BinaryPrimitives.WriteUInt32LittleEndian(chunk, (uint)binPadded);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), 0x004E4942);
        stream.Write(chunk);
        stream.Write(bin);
        for (var i = bin.Length; i < binPadded; i++)
        {
            stream.WriteByte(0);
        }
    }

    private static void WriteAll(Utf8JsonWriter w, string name, List<Action<Utf8JsonWriter>> items)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            item(w);
        }

        w.WriteEndArray();
    }

    private static void WriteInts(Utf8JsonWriter w, string name, int[] values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteFloats(Utf8JsonWriter w, string name, float[] values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    /// <summary>The binary chunk: little-endian arrays, each starting on a 4-byte boundary.</summary>
    private sealed class BinaryBuilder : IDisposable
    {
        private readonly MemoryStream _data = new();

        public int Length => (int)_data.Length;

        public int Add(float[] values)
        {
            Align();
            var offset = Length;
            var bytes = new byte[values.Length * 4];
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
            }

            _data.Write(bytes);
            return offset;
        }

        public int Add(ushort[] values)
        {
            Align();
            var offset = Length;
            var bytes = new byte[values.Length * 2];
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
            }

            _data.Write(bytes);
            return offset;
        }

        public byte[] ToArray() => _data.ToArray();

        public void Dispose() => _data.Dispose();

        private void Align()
        {
            while (_data.Length % 4 != 0)
            {
                _data.WriteByte(0);
            }
        }
    }
}
