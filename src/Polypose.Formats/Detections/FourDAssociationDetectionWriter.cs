using System.Globalization;
using System.Text;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;

namespace Polypose.Formats.Detections;

/// <summary>
/// Writes 4D Association detection text files (the layout <see cref="FourDAssociationDetectionFile"/> reads), atomically.
/// Frames must use BODY25 or SKEL19 with that skeleton's <see cref="PafLimbs"/> order; pixel positions are normalised
/// by (width − 1) and (height − 1).
/// </summary>
public static class FourDAssociationDetectionWriter
{
    /// <summary>Writes <paramref name="frames"/> (one view) for an image of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static void Write(string path, IReadOnlyList<PafFrame> frames, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 2);
        var skeleton = frames.Count > 0 ? frames[0].Skeleton : KnownSkeletons.Body25;
        var type = ReferenceEquals(skeleton, KnownSkeletons.Body25) ? FourDAssociationSkeletonType.Body25
            : ReferenceEquals(skeleton, KnownSkeletons.Skel19) ? FourDAssociationSkeletonType.Skel19
            : throw new ArgumentException($"4D Association files hold BODY25 or SKEL19 detections, not '{skeleton.Name}'", nameof(frames));
        var limbs = PafLimbs.For(skeleton)!;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{(int)type}\t{frames.Count}\n");
        for (var f = 0; f < frames.Count; f++)
        {
            var frame = frames[f];
            Check(frame, skeleton, limbs, f);
            foreach (var list in frame.Candidates)
            {
                sb.Append(list.Length.ToString(CultureInfo.InvariantCulture)).Append('\n');
                AppendRow(sb, list, k => k.X / (width - 1.0));
                AppendRow(sb, list, k => k.Y / (height - 1.0));
                AppendRow(sb, list, k => k.Score);
            }

            foreach (var m in frame.Affinity)
            {
                for (var r = 0; r < m.GetLength(0); r++)
                {
                    for (var c = 0; c < m.GetLength(1); c++)
                    {
                        sb.Append(c == 0 ? string.Empty : " ").Append(Format(m[r, c]));
                    }

                    sb.Append('\n');
                }
            }
        }

        AtomicFile.WriteAllText(path, sb.ToString());
    }

    private static void AppendRow(StringBuilder sb, Keypoint2D[] list, Func<Keypoint2D, double> value)
    {
        for (var i = 0; i < list.Length; i++)
        {
            sb.Append(i == 0 ? string.Empty : " ").Append(Format(value(list[i])));
        }

        sb.Append('\n');
    }

    private static string Format(double v)
    {
        if (!double.IsFinite(v))
        {
            throw new ArgumentException($"cannot write the non-finite value {v.ToString(CultureInfo.InvariantCulture)} to a detection file");
        }

        return v.ToString("R", CultureInfo.InvariantCulture);
    }

    private static void Check(PafFrame frame, Skeleton skeleton, IReadOnlyList<(int From, int To)> limbs, int f)
    {
        if (frame.Skeleton.Name != skeleton.Name || frame.Candidates.Count != skeleton.JointCount)
        {
            throw new ArgumentException($"frame {f}: skeleton '{frame.Skeleton.Name}' with {frame.Candidates.Count} candidate lists; expected '{skeleton.Name}' ({skeleton.JointCount})");
        }

        if (frame.Limbs.Count != limbs.Count || frame.Affinity.Count != limbs.Count)
        {
            throw new ArgumentException($"frame {f}: {frame.Limbs.Count} limbs / {frame.Affinity.Count} affinity matrices; expected {limbs.Count} in the {skeleton.Name} PAF order");
        }

        for (var l = 0; l < limbs.Count; l++)
        {
            var (a, b) = limbs[l];
            if (frame.Limbs[l] != limbs[l])
            {
                throw new ArgumentException($"frame {f}: limb {l} is {frame.Limbs[l]}; the {skeleton.Name} PAF order needs {limbs[l]}");
            }

            if (frame.Affinity[l].GetLength(0) != frame.Candidates[a].Length || frame.Affinity[l].GetLength(1) != frame.Candidates[b].Length)
            {
                throw new ArgumentException($"frame {f}: affinity {l} is {frame.Affinity[l].GetLength(0)}x{frame.Affinity[l].GetLength(1)} but the joints have {frame.Candidates[a].Length} and {frame.Candidates[b].Length} candidates");
            }
        }
    }
}
