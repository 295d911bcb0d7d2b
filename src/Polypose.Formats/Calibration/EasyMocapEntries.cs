using Polypose.Geometry;
using YamlDotNet.Core;

namespace Polypose.Formats.Calibration;

/// <summary>
/// What an EasyMocap calibration says about each camera, gathered while <c>intri.yml</c> and then <c>extri.yml</c> are
/// streamed (<see cref="OpenCvYaml.Stream"/>): per camera its K (pixels), distortion (OpenCV order), H/W (pixels),
/// Rot/R (world-to-camera) and T (<b>metres</b>, as in the file), parsed into numbers as each entry goes by, with the
/// line and column errors found later point at. About 300 bytes a camera, against about 1.4 KB for the two files' node
/// trees (issue 12: peak memory within 3× the input). Value errors (shape, numbers, a bad K, an image size that is not
/// a positive integer) are raised in file order while streaming; missing entries and Rot/R disagreement are left to
/// <see cref="EasyMocapCalibration"/>, camera by camera in <c>names</c> order. Not thread-safe.
/// </summary>
internal sealed class EasyMocapEntries
{
    private static readonly double[] Zeros4 = new double[4];
    private static readonly double[] Zeros5 = new double[5];
    private static readonly double[] Zeros8 = new double[8];

    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    /// <summary>Entries per chunk: a chunk (about 70 KB) stays off the large-object heap and the table never regrows.</summary>
    private const int ChunkSize = 256;

    /// <summary>The entries in chunks of <see cref="ChunkSize"/>: no doubling copies, no capacity left unused but the last chunk's.</summary>
    private readonly List<Entry[]?> chunks = [];
    private readonly List<int> taken = [];
    private int count;
    private readonly List<int> kOrder = [];
    private List<string>? names;
    private bool extrinsics;
    private string file = string.Empty;

    /// <summary>The camera order: the <c>names</c> list of intri.yml, else the K_ entries in file order (older files).</summary>
    public IReadOnlyList<string> Names(string intriPath) =>
        names
        ?? (kOrder.Count > 0
            ? kOrder.Select(i => At(i).Name).ToList()
            : throw new PolyposeFormatException(intriPath, "no 'names' list and no K_<camera> entries: not an EasyMocap intri.yml", 1, 1));

    /// <summary>Streams intri.yml into the table.</summary>
    public void ReadIntrinsics(string intriPath)
    {
        (file, extrinsics) = (intriPath, false);
        OpenCvYaml.Stream(intriPath, Accept);
    }

    /// <summary>Streams extri.yml into the table (after <see cref="ReadIntrinsics"/>: only cameras intri.yml knows are kept).</summary>
    public void ReadExtrinsics(string extriPath)
    {
        (file, extrinsics) = (extriPath, true);
        OpenCvYaml.Stream(extriPath, Accept);
    }

    /// <summary>
    /// The entries of a camera of <see cref="Names"/>, once: the table forgets a camera as it is taken and drops a chunk
    /// when every camera in it has been taken, so the cameras being built take the table's place in memory. A name
    /// listed twice is a located error at its second taking.
    /// </summary>
    public Entry Take(string intriPath, string name)
    {
        var i = index[name];
        var (c, j) = (i / ChunkSize, i % ChunkSize);
        if (chunks[c] is not { } chunk || chunk[j].Taken)
        {
            throw new PolyposeFormatException(intriPath, $"camera name '{name}' appears more than once", place: name);
        }

        var e = chunk[j];
        chunk[j] = new Entry { Taken = true };
        taken[c]++;
        if (taken[c] == Math.Min(ChunkSize, count - (c * ChunkSize)))
        {
            chunks[c] = null;
        }

        return e;
    }

    private bool Accept(string key, Mark start, Mark end, OpenCvYamlNode value)
    {
        if (!extrinsics && key == "names")
        {
            if (names is not null)
            {
                throw OpenCvYamlLoader.DuplicateKey(start, end);
            }

            names = ReadNames(value);
            foreach (var n in names)
            {
                _ = Slot(n);
            }

            return true;
        }

        var prefix = Prefix(key);
        if (prefix.Length == 0)
        {
            return false;
        }

        var camera = key.AsSpan(prefix.Length);

        // Entries of cameras no camera list has (names seen first, or intri.yml done) are not read, as before streaming.
        var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
        var known = lookup.TryGetValue(camera, out var slot);
        if (!known && (extrinsics || names is not null))
        {
            return false;
        }

        if (!known)
        {
            slot = Slot(camera.ToString());
        }

        ref var e = ref At(slot);
        Read(ref e, prefix, key, slot, value, start, end);
        return true;
    }

    private void Read(ref Entry e, string prefix, string key, int slot, OpenCvYamlNode value, Mark start, Mark end)
    {
        switch (prefix)
        {
            case "K_":
                Once(e.K is not null, start, end);
                var k = Mat3.FromRowMajor(OpenCvYaml.Matrix(file, value, key, 3, 3));
                try
                {
                    e.Intrinsics = Intrinsics.FromMatrix(k);
                }
                catch (ArgumentException ex)
                {
                    throw OpenCvYaml.Error(file, value, $"camera '{e.Name}': bad intrinsic matrix: {CameraBuilder.Clean(ex)}", key);
                }

                (e.Has, e.KLine, e.KColumn) = (e.Has | Parts.K, value.Line, value.Column);
                kOrder.Add(slot);
                break;
            case "dist_":
                Once(e.Distortion is not null, start, end);
                e.Distortion = Shared(OpenCvYaml.Vector(file, value, key, 4, 5, 8, 12, 14));
                break;
            case "H_":
                Once(e.Height != 0, start, end);
                e.Height = Dimension(value, key);
                break;
            case "W_":
                Once(e.Width != 0, start, end);
                e.Width = Dimension(value, key);
                break;
            case "Rot_":
                Once(e.Rot is not null, start, end);
                (e.Rotation, e.Has, e.RotLine, e.RotColumn) = (Mat3.FromRowMajor(OpenCvYaml.Matrix(file, value, key, 3, 3)), e.Has | Parts.Rot, value.Line, value.Column);
                break;
            case "R_":
                Once(e.Rodrigues is not null, start, end);
                var rv = OpenCvYaml.Vector(file, value, key, 3);
                (e.RodriguesVector, e.Has) = (new Vec3(rv[0], rv[1], rv[2]), e.Has | Parts.Rodrigues);
                break;
            default:
                Once(e.T is not null, start, end);
                var t = OpenCvYaml.Vector(file, value, key, 3);
                (e.Translation, e.Has, e.TLine, e.TColumn) = (new Vec3(t[0], t[1], t[2]), e.Has | Parts.T, value.Line, value.Column);
                break;
        }
    }

    /// <summary>The entry prefix of a key of this file followed by a camera name, or an empty string for any other key.</summary>
    private string Prefix(string key)
    {
        ReadOnlySpan<string> prefixes = extrinsics ? ["Rot_", "R_", "T_"] : ["K_", "dist_", "H_", "W_"];
        foreach (var p in prefixes)
        {
            if (key.Length > p.Length && key.StartsWith(p, StringComparison.Ordinal))
            {
                return p;
            }
        }

        return string.Empty;
    }

    private int Slot(string name)
    {
        if (!index.TryGetValue(name, out var i))
        {
            i = count++;
            index[name] = i;
            if (i % ChunkSize == 0)
            {
                chunks.Add(new Entry[ChunkSize]);
                taken.Add(0);
            }

            At(i).Name = name;
        }

        return i;
    }

    private ref Entry At(int i) => ref chunks[i / ChunkSize]![i % ChunkSize];

    private List<string> ReadNames(OpenCvYamlNode node)
    {
        if (node is not OpenCvSequence seq)
        {
            throw OpenCvYaml.Error(file, node, "expected 'names' to be a list of camera names", "names");
        }

        var list = new List<string>(seq.Items.Count);
        foreach (var item in seq.Items)
        {
            if (item is not OpenCvScalar s || string.IsNullOrEmpty(s.Value))
            {
                throw OpenCvYaml.Error(file, item, "expected a non-empty camera name", "names");
            }

            list.Add(s.Value);
        }

        return list;
    }

    private int Dimension(OpenCvYamlNode node, string key)
    {
        var v = node is OpenCvMapping or OpenCvMatrix ? OpenCvYaml.Matrix(file, node, key, 1, 1)[0] : OpenCvYaml.Number(file, node, key);
        return v >= 1 && v <= int.MaxValue && v == Math.Floor(v) ? (int)v : throw OpenCvYaml.Error(file, node, $"expected a positive integer image dimension, got {v}", key);
    }

    /// <summary>All-zero coefficient vectors (most files: no distortion) share one array per length.</summary>
    private static double[] Shared(double[] coefficients)
    {
        foreach (var c in coefficients)
        {
            if (BitConverter.DoubleToInt64Bits(c) != 0)
            {
                return coefficients;
            }
        }

        return coefficients.Length switch
        {
            4 => Zeros4,
            5 => Zeros5,
            8 => Zeros8,
            _ => coefficients,
        };
    }

    private static void Once(bool seen, Mark start, Mark end)
    {
        if (seen)
        {
            throw OpenCvYamlLoader.DuplicateKey(start, end);
        }
    }

    /// <summary>The entries a camera has been given (one bit each).</summary>
    [Flags]
    internal enum Parts : byte
    {
        None = 0,
        K = 1,
        Rot = 2,
        Rodrigues = 4,
        T = 8,
    }

    /// <summary>
    /// One camera's entries (null or 0 where the files have none; lines and columns 1-based), held as tightly as the
    /// values allow: K as its five intrinsics (exact: K's other entries are checked to be 0 and 1), presence as bits.
    /// </summary>
    internal struct Entry
    {
        public string Name;
        public Parts Has;
        public Intrinsics Intrinsics;
        public int KLine;
        public int KColumn;
        public double[]? Distortion;
        public int Height;
        public int Width;
        public Mat3 Rotation;
        public int RotLine;
        public int RotColumn;
        public Vec3 RodriguesVector;
        public Vec3 Translation;
        public int TLine;
        public int TColumn;

        /// <summary>Set once <see cref="Take"/> has handed the entries out.</summary>
        public bool Taken;

        /// <summary>K_ (pixels), when given.</summary>
        public readonly Mat3? K => (Has & Parts.K) != 0 ? Intrinsics.Matrix : null;

        /// <summary>Rot_ (world-to-camera), when given.</summary>
        public readonly Mat3? Rot => (Has & Parts.Rot) != 0 ? Rotation : null;

        /// <summary>R_ (Rodrigues, world-to-camera), when given.</summary>
        public readonly Vec3? Rodrigues => (Has & Parts.Rodrigues) != 0 ? RodriguesVector : null;

        /// <summary>T_ (metres), when given.</summary>
        public readonly Vec3? T => (Has & Parts.T) != 0 ? Translation : null;
    }
}
