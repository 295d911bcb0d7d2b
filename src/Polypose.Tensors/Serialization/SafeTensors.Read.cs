using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Polypose.Tensors.Serialization;

public static partial class SafeTensors
{
    private const string MetadataKey = "__metadata__";

    /// <summary>Reads a safetensors file.</summary>
    /// <exception cref="SafeTensorsFormatException">The file is malformed; the message names the file, the place and the expected value.</exception>
    public static SafeTensorsFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Deserialize(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses safetensors bytes; <paramref name="source"/> names them in error messages.</summary>
    /// <exception cref="SafeTensorsFormatException">The data is malformed.</exception>
    public static SafeTensorsFile Deserialize(ReadOnlySpan<byte> bytes, string source = "<memory>")
    {
        if (bytes.Length < 8)
        {
            throw new SafeTensorsFormatException(source, "header length", $"expected at least 8 bytes, got {bytes.Length}");
        }

        var n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (n > (ulong)(bytes.Length - 8))
        {
            throw new SafeTensorsFormatException(source, "header length", $"header of {n} bytes does not fit in the {bytes.Length - 8} bytes after the length field");
        }

        var headerBytes = bytes.Slice(8, (int)n);
        var data = bytes[(8 + (int)n)..];
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(headerBytes.ToArray());
        }
        catch (JsonException e)
        {
            throw new SafeTensorsFormatException(source, $"header JSON line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}", $"invalid JSON: {e.Message}");
        }
        catch (DecoderFallbackException e)
        {
            throw new SafeTensorsFormatException(source, "header", $"header is not UTF-8: {e.Message}");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SafeTensorsFormatException(source, "header", $"expected a JSON object, got {doc.RootElement.ValueKind}");
            }

            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<(string Name, string DType, int[] Shape, long Begin, long End)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (!seen.Add(prop.Name))
                {
                    throw new SafeTensorsFormatException(source, $"tensor '{prop.Name}'", "duplicate key in header");
                }

                if (prop.Name == MetadataKey)
                {
                    ReadMetadata(source, prop.Value, metadata);
                    continue;
                }

                entries.Add(ReadEntry(source, prop.Name, prop.Value));
            }

            CheckLayout(source, entries, data.Length);
            var tensors = new SortedDictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var e in entries)
            {
                tensors[e.Name] = Decode(e.DType, e.Shape, data[(int)e.Begin..(int)e.End]);
            }

            return new SafeTensorsFile(tensors, metadata);
        }
    }

    private static void ReadMetadata(string source, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsFormatException(source, MetadataKey, $"expected an object of strings, got {value.ValueKind}");
        }

        foreach (var p in value.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String)
            {
                throw new SafeTensorsFormatException(source, $"{MetadataKey}.{p.Name}", $"expected a string, got {p.Value.ValueKind}");
            }

            metadata[p.Name] = p.Value.GetString()!;
        }
    }

    private static (string, string, int[], long, long) ReadEntry(string source, string name, JsonElement e)
    {
        var place = $"tensor '{name}'";
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsFormatException(source, place, $"expected an object, got {e.ValueKind}");
        }

        if (!e.TryGetProperty("dtype", out var dt) || dt.ValueKind != JsonValueKind.String)
        {
            throw new SafeTensorsFormatException(source, place + " dtype", "missing or not a string");
        }

        var dtype = dt.GetString()!;
        if (SourceElementSize(dtype) == 0)
        {
            throw new SafeTensorsFormatException(source, place + " dtype", $"expected one of F32, F16, BF16, I64, BOOL, got '{dtype}'");
        }

        if (!e.TryGetProperty("shape", out var sh) || sh.ValueKind != JsonValueKind.Array)
        {
            throw new SafeTensorsFormatException(source, place + " shape", "missing or not an array");
        }

        var shape = new int[sh.GetArrayLength()];
        var i = 0;
        foreach (var d in sh.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out var v) || v < 0)
            {
                throw new SafeTensorsFormatException(source, $"{place} shape[{i}]", $"expected a non-negative integer, got {d.GetRawText()}");
            }

            shape[i++] = v;
        }

        if (!e.TryGetProperty("data_offsets", out var off) || off.ValueKind != JsonValueKind.Array || off.GetArrayLength() != 2
            || !off[0].TryGetInt64(out var begin) || !off[1].TryGetInt64(out var end) || begin < 0 || end < begin)
        {
            throw new SafeTensorsFormatException(source, place + " data_offsets", $"expected [begin, end] with 0 ≤ begin ≤ end, got {(off.ValueKind == JsonValueKind.Undefined ? "nothing" : off.GetRawText())}");
        }

        var numel = shape.Aggregate(1L, (a, b) => a * b);
        var expected = numel * SourceElementSize(dtype);
        if (end - begin != expected)
        {
            throw new SafeTensorsFormatException(source, place + " data_offsets", $"shape [{string.Join(", ", shape)}] of {dtype} needs {expected} bytes, offsets span {end - begin}");
        }

        return (name, dtype, shape, begin, end);
    }

    private static void CheckLayout(string source, List<(string Name, string DType, int[] Shape, long Begin, long End)> entries, int dataLength)
    {
        long cursor = 0;
        foreach (var e in entries.OrderBy(x => x.Begin).ThenBy(x => x.End))
        {
            if (e.Begin != cursor)
            {
                throw new SafeTensorsFormatException(source, $"tensor '{e.Name}' data_offsets", e.Begin < cursor
                    ? $"overlaps the previous tensor (begins at {e.Begin}, previous ends at {cursor})"
                    : $"leaves a hole: begins at {e.Begin}, expected {cursor}");
            }

            cursor = e.End;
        }

        if (cursor != dataLength)
        {
            throw new SafeTensorsFormatException(source, "data section", $"tensors cover {cursor} bytes, file has {dataLength} data bytes");
        }
    }

    private static Tensor Decode(string dtype, int[] shape, ReadOnlySpan<byte> raw)
    {
        var numel = shape.Aggregate(1, (a, b) => a * b);
        switch (dtype)
        {
            case "I64":
                var l = new long[numel];
                for (var i = 0; i < numel; i++)
                {
                    l[i] = BinaryPrimitives.ReadInt64LittleEndian(raw[(i * 8)..]);
                }

                return new Tensor(l, shape);
            case "BOOL":
                var b = new bool[numel];
                for (var i = 0; i < numel; i++)
                {
                    b[i] = raw[i] != 0;
                }

                return new Tensor(b, shape);
            default:
                var f = new float[numel];
                for (var i = 0; i < numel; i++)
                {
                    f[i] = dtype switch
                    {
                        "F32" => BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]),
                        "F16" => (float)BinaryPrimitives.ReadHalfLittleEndian(raw[(i * 2)..]),
                        _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(raw[(i * 2)..]) << 16),
                    };
                }

                return new Tensor(f, shape);
        }
    }

    private static int SourceElementSize(string dtype) => dtype switch
    {
        "F32" => 4,
        "F16" or "BF16" => 2,
        "I64" => 8,
        "BOOL" => 1,
        _ => 0,
    };

}
