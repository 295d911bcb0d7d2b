using System.Buffers.Binary;

namespace Polypose.Detection.TfjsGraph;

/// <summary>
/// Turns the bytes of one weight in a TF.js shard into a tensor. Stored little-endian as its dtype (float32, int32,
/// bool as one byte), or quantised: <c>float16</c> (IEEE half, widened exactly), or <c>uint8</c>/<c>uint16</c> affine
/// codes q dequantised as <c>q · scale + min</c> (TF.js's rule; int32 originals are then rounded to nearest).
/// </summary>
public static class WeightDecoder
{
    /// <summary>Bytes one element occupies in the shard for a storage dtype name.</summary>
    /// <exception cref="TfjsModelException">The dtype is not one TF.js writes for numeric weights.</exception>
    public static int BytesPerElement(string storage) => storage switch
    {
        "float32" or "int32" => 4,
        "float16" or "uint16" => 2,
        "uint8" or "bool" => 1,
        _ => throw new TfjsModelException($"unsupported weight storage dtype '{storage}'"),
    };

    /// <summary>Decodes one weight.</summary>
    /// <param name="bytes">Exactly the weight's bytes (element count × <see cref="BytesPerElement"/>).</param>
    /// <param name="shape">Its shape.</param>
    /// <param name="dtype">The dtype the graph sees (<c>float32</c>, <c>int32</c> or <c>bool</c>).</param>
    /// <param name="quantization">The storage dtype when quantised (<c>float16</c>, <c>uint8</c>, <c>uint16</c>), else null.</param>
    /// <param name="scale">Affine scale for uint8/uint16.</param>
    /// <param name="min">Affine offset for uint8/uint16.</param>
    public static TfjsTensor Decode(ReadOnlySpan<byte> bytes, int[] shape, string dtype, string? quantization, float scale, float min)
    {
        var n = TfjsTensor.ElementCount(shape);
        var storage = quantization ?? dtype;
        var need = (long)n * BytesPerElement(storage);
        if (bytes.Length != need)
        {
            throw new TfjsModelException($"weight needs {need} bytes, got {bytes.Length}");
        }

        var values = new float[n];
        var ints = dtype is "int32" or "bool" ? new int[n] : null;
        switch (storage)
        {
            case "float32":
                for (var i = 0; i < n; i++)
                {
                    values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
                }

                break;
            case "int32" when quantization is null:
                for (var i = 0; i < n; i++)
                {
                    ints![i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(4 * i)..]);
                }

                return dtype == "bool" ? TfjsTensor.FromBools(shape, ints!) : TfjsTensor.FromInts(shape, ints!);
            case "bool" when quantization is null:
                for (var i = 0; i < n; i++)
                {
                    ints![i] = bytes[i] != 0 ? 1 : 0;
                }

                return TfjsTensor.FromBools(shape, ints!);
            case "float16":
                for (var i = 0; i < n; i++)
                {
                    values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(2 * i)..]);
                }

                break;
            case "uint8":
                for (var i = 0; i < n; i++)
                {
                    values[i] = (bytes[i] * scale) + min;
                }

                break;
            case "uint16":
                for (var i = 0; i < n; i++)
                {
                    values[i] = (BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]) * scale) + min;
                }

                break;
            default:
                throw new TfjsModelException($"unsupported weight storage dtype '{storage}' for dtype '{dtype}'");
        }

        if (dtype == "float32")
        {
            return TfjsTensor.FromFloats(shape, values);
        }

        for (var i = 0; i < n; i++)
        {
            ints![i] = (int)MathF.Round(values[i], MidpointRounding.ToEven);
        }

        return dtype == "bool" ? TfjsTensor.FromBools(shape, ints!) : TfjsTensor.FromInts(shape, ints!);
    }
}
