using System.Buffers.Binary;
using Polypose.Formats.Poses3D;

namespace Polypose.Viewer;

/// <summary>
/// The compact binary form in which the page receives every frame's 3D joints (little-endian, 4-byte aligned):
/// a 32-byte header (magic "PPV1", int32 frames F, int32 person records P, int32 joints J, float32 step in mm,
/// 3 × int32 reserved), int32 frame numbers [F], int32 first record of each frame [F + 1], int32 person ids [P], then
/// int16 joints [P, J, 3] in units of the step (world millimetres = value × step, z-up); a missing joint is
/// <see cref="Missing"/> in all three. Ten people over 10,000 BODY25 frames take about 15 MB.
/// </summary>
public static class PoseBinary
{
    /// <summary>The magic number at offset 0 ("PPV1" as ASCII).</summary>
    public const uint Magic = 0x31565050;

    /// <summary>The header size in bytes.</summary>
    public const int HeaderBytes = 32;

    /// <summary>The value that marks a missing joint coordinate.</summary>
    public const short Missing = short.MinValue;

    /// <summary>The largest quantised magnitude used for present joints.</summary>
    public const int MaxQuantized = 32000;

    /// <summary>The quantisation step in mm: 1 mm unless a joint lies farther than 32 m from the origin (then coarser).</summary>
    public static double StepFor(Poses3DDocument poses)
    {
        ArgumentNullException.ThrowIfNull(poses);
        double max = 0;
        foreach (var frame in poses.Frames)
        {
            foreach (var p in frame.People)
            {
                for (var j = 0; j < p.Joints.Length; j++)
                {
                    if (p.Has(j))
                    {
                        var v = p.Joints[j];
                        max = Math.Max(max, Math.Max(Math.Abs(v.X), Math.Max(Math.Abs(v.Y), Math.Abs(v.Z))));
                    }
                }
            }
        }

        return max <= MaxQuantized ? 1.0 : Math.Ceiling(max / MaxQuantized);
    }

    /// <summary>Encodes every frame of <paramref name="poses"/>; throws <see cref="ArgumentException"/> when a person's joint count differs from the skeleton's.</summary>
    public static byte[] Encode(Poses3DDocument poses)
    {
        ArgumentNullException.ThrowIfNull(poses);
        var frames = poses.Frames;
        var joints = poses.Skeleton.JointCount;
        var records = frames.Sum(f => f.People.Count);
        var step = StepFor(poses);
        var size = HeaderBytes + (4 * frames.Count) + (4 * (frames.Count + 1)) + (4 * records) + (2 * records * joints * 3);
        var bytes = new byte[(size + 3) & ~3];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], frames.Count);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], records);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], joints);
        BinaryPrimitives.WriteSingleLittleEndian(span[16..], (float)step);
        var numbers = HeaderBytes;
        var starts = numbers + (4 * frames.Count);
        var ids = starts + (4 * (frames.Count + 1));
        var coords = ids + (4 * records);
        var r = 0;
        for (var f = 0; f < frames.Count; f++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[(numbers + (4 * f))..], frames[f].FrameIndex);
            BinaryPrimitives.WriteInt32LittleEndian(span[(starts + (4 * f))..], r);
            foreach (var p in frames[f].People)
            {
                if (p.Joints.Length != joints || p.Confidence.Length != joints)
                {
                    throw new ArgumentException($"frame {frames[f].FrameIndex}, person {p.Id}: {p.Joints.Length} joints for skeleton '{poses.Skeleton.Name}' ({joints})", nameof(poses));
                }

                BinaryPrimitives.WriteInt32LittleEndian(span[(ids + (4 * r))..], p.Id);
                var at = coords + (2 * r * joints * 3);
                for (var j = 0; j < joints; j++)
                {
                    var present = p.Has(j) && p.Joints[j].IsFinite;
                    var v = p.Joints[j];
                    WriteCoordinate(span[(at + (6 * j))..], present, v.X, step);
                    WriteCoordinate(span[(at + (6 * j) + 2)..], present, v.Y, step);
                    WriteCoordinate(span[(at + (6 * j) + 4)..], present, v.Z, step);
                }

                r++;
            }
        }

        BinaryPrimitives.WriteInt32LittleEndian(span[(starts + (4 * frames.Count))..], r);
        return bytes;
    }

    private static void WriteCoordinate(Span<byte> at, bool present, double value, double step)
    {
        var q = present ? (short)Math.Clamp(Math.Round(value / step), -MaxQuantized, MaxQuantized) : Missing;
        BinaryPrimitives.WriteInt16LittleEndian(at, q);
    }
}
