using System.Globalization;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Formats.Detections;
using Polypose.Geometry;

namespace Polypose.Formats.Poses3D;

/// <summary>
/// 4D Association 3D pose text files (Shelf <c>gt.txt</c>, <c>skel.txt</c>): header <c>jointCount frameCount</c>; per
/// frame a person count, then per person an id and a 4 × J row-major block (J x, J y, J z in metres, world z-up, then
/// J flags). Output in world MILLIMETRES; the flag becomes the joint confidence (0 = missing, position zero). The
/// skeleton comes from the joint count: 15 → Shelf-15, 14 → Shelf-14, 19 → SKEL19. Frame index = first + position.
/// </summary>
public static class FourDAssociationPoseText
{
    /// <summary>The largest person count accepted per frame.</summary>
    public const int MaxPersons = 1000;

    /// <summary>Reads a whole file; frames are numbered from <paramref name="firstFrameIndex"/>.</summary>
    /// <exception cref="PolyposeFormatException">Bad or missing token, negative count, unknown joint count or trailing tokens (names token, line and frame).</exception>
    public static IReadOnlyList<Frame3D> Read(string path, int firstFrameIndex = 0)
    {
        var tokens = TokenStream.Open(path);
        var jointCount = tokens.ReadInt("header, joint count", 1, 1000);
        var skeleton = jointCount switch
        {
            15 => KnownSkeletons.Shelf15,
            14 => KnownSkeletons.Shelf14,
            19 => KnownSkeletons.Skel19,
            _ => throw tokens.Error($"unsupported joint count {jointCount}; expected 15 (Shelf-15), 14 (Shelf-14) or 19 (SKEL19)", "header, joint count"),
        };
        var frameCount = tokens.ReadInt("header, frame count", 0, int.MaxValue);
        var frames = new List<Frame3D>(Math.Min(frameCount, 100_000));
        for (var f = 0; f < frameCount; f++)
        {
            var count = tokens.ReadInt($"frame {f}, person count", 0, MaxPersons);
            var people = new Person3D[count];
            for (var p = 0; p < count; p++)
            {
                var id = tokens.ReadInt($"frame {f}, person {p}, id", int.MinValue, int.MaxValue);
                people[p] = ReadPerson(tokens, skeleton, id, $"frame {f}, person {p} (id {id.ToString(CultureInfo.InvariantCulture)})");
            }

            frames.Add(new Frame3D(firstFrameIndex + f, people));
        }

        tokens.ExpectEnd($"the {frameCount} frames announced in the header");
        return frames;
    }

    private static Person3D ReadPerson(TokenStream tokens, Skeleton skeleton, int id, string where)
    {
        var j = skeleton.JointCount;
        var values = new double[4, j];
        string[] rows = ["x", "y", "z", "flag"];
        for (var r = 0; r < 4; r++)
        {
            for (var k = 0; k < j; k++)
            {
                if (!tokens.TryReadDouble(out values[r, k]))
                {
                    throw tokens.Fail($"{where}, {rows[r]}[{k}] ({skeleton.JointNames[k]})");
                }
            }
        }

        var joints = new Vec3[j];
        var confidence = new double[j];
        for (var k = 0; k < j; k++)
        {
            var flag = values[3, k];
            if (flag < 0)
            {
                throw tokens.Error($"expected a joint flag >= 0 but got {flag.ToString(CultureInfo.InvariantCulture)}", $"{where}, flag[{k}]");
            }

            if (flag > 0)
            {
                for (var r = 0; r < 3; r++)
                {
                    if (!(Math.Abs(values[r, k] * 1000.0) <= PoseCoordinates.MaxAbsMillimetres))
                    {
                        throw tokens.Error($"expected a coordinate within ±{PoseCoordinates.MaxAbsMillimetres / 1000:0} m but got {values[r, k].ToString("R", CultureInfo.InvariantCulture)}", $"{where}, {rows[r]}[{k}]");
                    }
                }

                joints[k] = new Vec3(values[0, k], values[1, k], values[2, k]) * 1000.0;
                confidence[k] = flag;
            }
        }

        return new Person3D(id, skeleton, joints, confidence, []);
    }
}
