using System.Buffers.Binary;
using System.Text;
using Polypose.Geometry;

namespace Polypose.Export.Exporters;

/// <summary>
/// Writes a C3D file (binary, 512-byte blocks, Intel/PC processor type 84: little-endian IEEE floats) holding every
/// person's joints as 3D points, in the world frame (z-up; X_SCREEN +X, Y_SCREEN +Z) in the chosen unit (mm by
/// default). POINT:SCALE is −1 (float data), POINT:RATE the frame rate, POINT:LABELS the joint names (prefixed
/// <c>person{id}:</c> when there are several people), chunked into LABELS2, LABELS3... past 255 points. The fourth word
/// of every point is its residual word: −1 for a missing point (coordinates 0); for a present one the camera mask
/// (views 1–7 that contributed) in the high byte and a residual of 0 (Polypose files carry no per-joint residual).
/// No analog data. At most 65,535 frames and 32,767 points.
/// </summary>
public static class C3dWriter
{
    private const int Block = 512;
    private const byte Key = 0x50;
    private const byte IntelProcessor = 84;
    private const int MaxArrayCount = 255;

    /// <summary>The point labels written for a sequence (joint-major within each person, people by id).</summary>
    public static IReadOnlyList<string> Labels(PoseSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var single = sequence.People.Count == 1;
        return [.. sequence.People.SelectMany(p => sequence.Skeleton.JointNames.Select(n => single ? n : $"person{p.Id}:{n}"))];
    }

    /// <summary>Writes <paramref name="sequence"/>.</summary>
    /// <exception cref="ArgumentException">More frames or points than the format's 16-bit counts allow.</exception>
    public static void Write(Stream stream, PoseSequence sequence, LengthUnit unit, Action<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sequence);
        var labels = Labels(sequence);
        var points = labels.Count;
        var frames = sequence.FrameCount;
        if (frames > ushort.MaxValue)
        {
            throw new ArgumentException($"C3D holds at most {ushort.MaxValue} frames (16-bit frame numbers) but the sequence has {frames}; export a shorter range");
        }

        if (points > short.MaxValue)
        {
            throw new ArgumentException($"C3D holds at most {short.MaxValue} points per frame but the sequence needs {points}");
        }

        var descriptions = sequence.People.SelectMany(p => sequence.Skeleton.JointNames.Select(n => $"person {p.Id} {n}")).ToList();

        // The parameter section's size does not depend on DATA_START, so build it once to learn where the data starts.
        var paramBytes = Parameters(sequence, unit, labels, descriptions, 0);
        var dataStart = 2 + (paramBytes.Length / Block);
        paramBytes = Parameters(sequence, unit, labels, descriptions, (short)dataStart);

        var header = new byte[Block];
        header[0] = 2;
        header[1] = Key;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), (ushort)points);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)frames);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(10), 0);
        BinaryPrimitives.WriteSingleLittleEndian(header.AsSpan(12), -1f);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(16), (ushort)dataStart);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(18), 0);
        BinaryPrimitives.WriteSingleLittleEndian(header.AsSpan(20), (float)sequence.Fps);
        stream.Write(header);
        stream.Write(paramBytes);

        var scale = 1 / unit.MillimetresPerUnit();
        var frameBytes = new byte[points * 16];
        long written = 0;
        for (var f = 0; f < frames; f++)
        {
            var k = 0;
            foreach (var person in sequence.People)
            {
                for (var j = 0; j < sequence.Skeleton.JointCount; j++, k++)
                {
                    var span = frameBytes.AsSpan(k * 16, 16);
                    if (person.Has(f, j))
                    {
                        var v = person.At(f, j) * scale;
                        BinaryPrimitives.WriteSingleLittleEndian(span, (float)v.X);
                        BinaryPrimitives.WriteSingleLittleEndian(span[4..], (float)v.Y);
                        BinaryPrimitives.WriteSingleLittleEndian(span[8..], (float)v.Z);
                        BinaryPrimitives.WriteSingleLittleEndian(span[12..], (person.CameraMaskAt(f) & 0x7f) << 8);
                    }
                    else
                    {
                        BinaryPrimitives.WriteSingleLittleEndian(span, 0f);
                        BinaryPrimitives.WriteSingleLittleEndian(span[4..], 0f);
                        BinaryPrimitives.WriteSingleLittleEndian(span[8..], 0f);
                        BinaryPrimitives.WriteSingleLittleEndian(span[12..], -1f);
                    }
                }
            }

            stream.Write(frameBytes);
            written += frameBytes.Length;
            progress?.Invoke((f + 1) / (double)frames);
        }

        var pad = (int)((Block - (written % Block)) % Block);
        stream.Write(new byte[pad]);
    }

    private static byte[] Parameters(PoseSequence sequence, LengthUnit unit, IReadOnlyList<string> labels, IReadOnlyList<string> descriptions, short dataStart)
    {
        var frames = sequence.FrameCount;
        var section = new ParameterSection();
        var point = section.Group("POINT", "3-D point parameters");
        point.Int16("USED", "number of points per frame", (short)labels.Count);
        point.Float("SCALE", "negative: floating-point data", -1f);
        point.Float("RATE", "frames per second", (float)sequence.Fps);
        point.Int16("DATA_START", "first block of the data section", dataStart);
        point.Int16("FRAMES", "number of frames", unchecked((short)(ushort)frames));
        point.Text("UNITS", "length unit", unit.Symbol());
        point.Texts("LABELS", "point labels", labels);
        point.Texts("DESCRIPTIONS", "point descriptions", descriptions);
        point.Text("X_SCREEN", "screen right axis", "+X");
        point.Text("Y_SCREEN", "screen up axis (world z-up)", "+Z");
        var analog = section.Group("ANALOG", "analog parameters");
        analog.Int16("USED", "number of analog channels", 0);
        analog.Float("RATE", "analog samples per second", (float)sequence.Fps);
        var trial = section.Group("TRIAL", "trial parameters");
        trial.Int16s("ACTUAL_START_FIELD", "first frame (low, high word)", [1, 0]);
        trial.Int16s("ACTUAL_END_FIELD", "last frame (low, high word)", [unchecked((short)(frames & 0xffff)), (short)(frames >> 16)]);
        var maker = section.Group("MANUFACTURER", "software that wrote the file");
        maker.Text("COMPANY", "company", "Polypose");
        maker.Text("SOFTWARE", "software", "polypose export");
        return section.Build();
    }

    /// <summary>The parameter section: a 4-byte header, then group and parameter records, each pointing to the next.</summary>
    private sealed class ParameterSection
    {
        private readonly List<ParameterGroup> _groups = [];

        public ParameterGroup Group(string name, string description)
        {
            var g = new ParameterGroup((sbyte)(_groups.Count + 1), name, description);
            _groups.Add(g);
            return g;
        }

        /// <summary>The section padded to whole 512-byte blocks.</summary>
        public byte[] Build()
        {
            var body = new List<byte> { 1, Key, 0, IntelProcessor };
            var records = new List<byte[]>();
            foreach (var g in _groups)
            {
                records.Add(g.GroupRecord());
                records.AddRange(g.Parameters);
            }

            // The last record's "next" pointer is 0: the end of the parameter records.
            var last = records[^1];
            BinaryPrimitives.WriteInt16LittleEndian(last.AsSpan(2 + Math.Abs((sbyte)last[0])), 0);
            foreach (var r in records)
            {
                body.AddRange(r);
            }

            var blocks = (body.Count + Block - 1) / Block;
            if (blocks > 255)
            {
                throw new ArgumentException("the C3D parameter section would exceed 255 blocks (too many points)");
            }

            body[2] = (byte)blocks;
            var result = new byte[blocks * Block];
            body.CopyTo(result);
            return result;
        }
    }

    /// <summary>One group record and its parameters (name lengths, ids, "next" pointers, type, dimensions, data, description).</summary>
    private sealed class ParameterGroup(sbyte id, string name, string description)
    {
        public List<byte[]> Parameters { get; } = [];

        public byte[] GroupRecord()
        {
            var n = Ascii(name);
            var d = Ascii(description);
            var r = new List<byte> { (byte)n.Length, unchecked((byte)(sbyte)-id) };
            r.AddRange(n);
            r.AddRange(Int16Bytes((short)(2 + 1 + d.Length)));
            r.Add((byte)d.Length);
            r.AddRange(d);
            return [.. r];
        }

        public void Int16(string parameter, string text, short value) => Add(parameter, text, 2, [], Int16Bytes(value));

        public void Int16s(string parameter, string text, short[] values) =>
            Add(parameter, text, 2, [(byte)values.Length], [.. values.SelectMany(Int16Bytes)]);

        public void Float(string parameter, string text, float value)
        {
            var data = new byte[4];
            BinaryPrimitives.WriteSingleLittleEndian(data, value);
            Add(parameter, text, 4, [], data);
        }

        public void Text(string parameter, string text, string value)
        {
            var v = Ascii(value);
            Add(parameter, text, -1, [(byte)v.Length], v);
        }

        /// <summary>A character matrix [width, count]; chunked into NAME, NAME2, NAME3... of at most 255 strings.</summary>
        public void Texts(string parameter, string text, IReadOnlyList<string> values)
        {
            var width = Math.Max(1, values.Count == 0 ? 1 : values.Max(v => Ascii(v).Length));
            if (width > 255)
            {
                throw new ArgumentException($"C3D {parameter}: a string is longer than 255 characters");
            }

            for (int start = 0, chunk = 1; start < Math.Max(1, values.Count); start += MaxArrayCount, chunk++)
            {
                var part = values.Skip(start).Take(MaxArrayCount).ToList();
                var data = new byte[width * part.Count];
                data.AsSpan().Fill((byte)' ');
                for (var i = 0; i < part.Count; i++)
                {
                    Ascii(part[i]).CopyTo(data, i * width);
                }

                var label = chunk == 1 ? parameter : parameter + chunk.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Add(label, text, -1, [(byte)width, (byte)part.Count], data);
            }
        }

        private void Add(string parameter, string text, sbyte type, byte[] dims, byte[] data)
        {
            var n = Ascii(parameter);
            var d = Ascii(text);
            var r = new List<byte> { (byte)n.Length, (byte)id };
            r.AddRange(n);
            r.AddRange(Int16Bytes((short)(2 + 1 + 1 + dims.Length + data.Length + 1 + d.Length)));
            r.Add(unchecked((byte)type));
            r.Add((byte)dims.Length);
            r.AddRange(dims);
            r.AddRange(data);
            r.Add((byte)d.Length);
            r.AddRange(d);
            Parameters.Add([.. r]);
        }

        private static byte[] Int16Bytes(short v)
        {
            var b = new byte[2];
            BinaryPrimitives.WriteInt16LittleEndian(b, v);
            return b;
        }

        private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes([.. s.Select(c => c is >= ' ' and <= '~' ? c : '_')]);
    }
}
