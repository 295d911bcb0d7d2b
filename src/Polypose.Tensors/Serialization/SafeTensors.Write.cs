using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Polypose.Tensors.Serialization;

/// <summary>
/// The safetensors format (https://huggingface.co/docs/safetensors): an 8-byte little-endian unsigned header length N,
/// N bytes of UTF-8 JSON <c>{"__metadata__": {str: str}, name: {"dtype", "shape", "data_offsets": [begin, end]}}</c>
/// (offsets relative to the data section), then the raw little-endian tensor bytes. Written with tensors in ordinal name
/// order, packed without gaps, the metadata first, and the header padded with spaces to a multiple of 8 bytes.
/// Writes F32 (float32 tensors), I64 (int64) and BOOL; reads F32, F16 and BF16 (as float32), I64 and BOOL.
/// </summary>
public static partial class SafeTensors
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>Serialises tensors (any layout; written row-major) and optional metadata to bytes.</summary>
    /// <exception cref="ArgumentException">A name is empty or "__metadata__".</exception>
    public static byte[] Serialize(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var ms = new MemoryStream();
        Write(ms, tensors, metadata);
        return ms.ToArray();
    }

    /// <summary>Writes a safetensors file atomically (see <see cref="AtomicFileWriter"/>).</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
        => AtomicFileWriter.Write(path, s => Write(s, tensors, metadata));

    /// <summary>Writes the safetensors bytes to <paramref name="stream"/>.</summary>
    /// <exception cref="ArgumentException">A name is empty or "__metadata__".</exception>
    public static void Write(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        var names = tensors.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        var header = Header(names, tensors, metadata);
        var padded = (header.Length + 7) / 8 * 8;
        Span<byte> len = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)padded);
        stream.Write(len);
        stream.Write(header);
        for (var i = header.Length; i < padded; i++)
        {
            stream.WriteByte((byte)' ');
        }

        foreach (var name in names)
        {
            WriteData(stream, tensors[name]);
        }
    }

    private static byte[] Header(string[] names, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, WriterOptions))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject(MetadataKey);
                foreach (var (k, v) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.WriteString(k, v);
                }

                w.WriteEndObject();
            }

            long offset = 0;
            foreach (var name in names)
            {
                if (string.IsNullOrEmpty(name) || name == MetadataKey)
                {
                    throw new ArgumentException($"invalid tensor name '{name}'", nameof(tensors));
                }

                var t = tensors[name];
                var size = (long)t.NumEl * ElementSize(t.DType);
                w.WriteStartObject(name);
                w.WriteString("dtype", DTypeName(t.DType));
                w.WriteStartArray("shape");
                foreach (var d in t.ShapeArray)
                {
                    w.WriteNumberValue(d);
                }

                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset + size);
                w.WriteEndArray();
                w.WriteEndObject();
                offset += size;
            }

            w.WriteEndObject();
        }

        return ms.ToArray();
    }

    private static void WriteData(Stream stream, Tensor t)
    {
        switch (t.DType)
        {
            case DType.Float32:
                WriteLittleEndian(stream, t.ToArray());
                break;
            case DType.Int64:
                WriteLittleEndian(stream, t.ToInt64Array());
                break;
            default:
                foreach (var b in t.ToBoolArray())
                {
                    stream.WriteByte(b ? (byte)1 : (byte)0);
                }

                break;
        }
    }

    private static void WriteLittleEndian(Stream stream, float[] data)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(data.AsSpan()));
            return;
        }

        Span<byte> b = stackalloc byte[4];
        foreach (var v in data)
        {
            BinaryPrimitives.WriteSingleLittleEndian(b, v);
            stream.Write(b);
        }
    }

    private static void WriteLittleEndian(Stream stream, long[] data)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(data.AsSpan()));
            return;
        }

        Span<byte> b = stackalloc byte[8];
        foreach (var v in data)
        {
            BinaryPrimitives.WriteInt64LittleEndian(b, v);
            stream.Write(b);
        }
    }

    private static string DTypeName(DType dtype) => dtype switch
    {
        DType.Float32 => "F32",
        DType.Int64 => "I64",
        _ => "BOOL",
    };

    private static int ElementSize(DType dtype) => dtype switch
    {
        DType.Float32 => 4,
        DType.Int64 => 8,
        _ => 1,
    };
}
