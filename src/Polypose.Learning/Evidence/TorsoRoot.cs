using Polypose.Core.Poses;

namespace Polypose.Learning.Evidence;

/// <summary>
/// Estimates the 2D mid-hip (root) of a detection whose hips are undetected from its upper body, in the detection's
/// pixels (x right, y down), with the body proportions of Drillis and Contini (D. A. Winter, "Biomechanics and Motor
/// Control of Human Movement", fig. 4.1, heights as fractions of stature H: shoulder 0.818, elbow 0.630, hip 0.530,
/// knee 0.285; shoulder width 0.259). The neck is the detected neck, else the midpoint of both shoulders.
/// <list type="number">
/// <item>With a knee detected (the mean of both when both are): the root lies on the segment neck → knee at
/// (0.818 − 0.530) / (0.818 − 0.285) = 0.54 of its length.</item>
/// <item>Otherwise the root is straight below the neck in the image (+y; the cameras are assumed upright) by the torso
/// length 0.288 H, with H taken from the longest of: the shoulder width (0.259 H, both shoulders detected) and each
/// detected upper arm, shoulder to elbow (0.188 H); so torso = max(1.11 × shoulder width, 1.53 × upper arm). The
/// longest cue is the one least shortened by the view.</item>
/// </list>
/// No estimate (missing) without a neck, or without a knee, an upper arm or both shoulders. The score is the lowest
/// score of the joints used.
/// </summary>
public static class TorsoRoot
{
    /// <summary>Fraction of the neck → knee segment at which the mid-hip lies.</summary>
    public const double KneeFraction = (0.818 - 0.530) / (0.818 - 0.285);

    /// <summary>Torso length (neck to mid-hip) per unit of shoulder width.</summary>
    public const double PerShoulderWidth = (0.818 - 0.530) / 0.259;

    /// <summary>Torso length (neck to mid-hip) per unit of upper-arm length.</summary>
    public const double PerUpperArm = (0.818 - 0.530) / (0.818 - 0.630);

    // Panoptic-15 indices (KnownSkeletons.Panoptic15).
    private const int Neck = 0, LeftShoulder = 3, LeftElbow = 4, LeftKnee = 7, RightShoulder = 9, RightElbow = 10, RightKnee = 13;

    /// <summary>The estimated root of one detection's joints in Panoptic-15 order (15 values), or missing.</summary>
    public static Keypoint2D Estimate(ReadOnlySpan<Keypoint2D> joints)
    {
        if (joints.Length != 15)
        {
            throw new ArgumentException($"expected the 15 Panoptic joints, got {joints.Length}", nameof(joints));
        }

        Keypoint2D ls = joints[LeftShoulder], rs = joints[RightShoulder];
        Keypoint2D neck = joints[Neck].IsPresent ? joints[Neck]
            : ls.IsPresent && rs.IsPresent ? new Keypoint2D((ls.X + rs.X) / 2, (ls.Y + rs.Y) / 2, Math.Min(ls.Score, rs.Score))
            : Keypoint2D.Missing;
        if (!neck.IsPresent)
        {
            return Keypoint2D.Missing;
        }

        Keypoint2D lk = joints[LeftKnee], rk = joints[RightKnee];
        if (lk.IsPresent || rk.IsPresent)
        {
            var knee = (lk.IsPresent, rk.IsPresent) switch
            {
                (true, true) => new Keypoint2D((lk.X + rk.X) / 2, (lk.Y + rk.Y) / 2, Math.Min(lk.Score, rk.Score)),
                (true, false) => lk,
                _ => rk,
            };
            return new Keypoint2D(
                neck.X + (KneeFraction * (knee.X - neck.X)),
                neck.Y + (KneeFraction * (knee.Y - neck.Y)),
                Math.Min(neck.Score, knee.Score));
        }

        double torso = 0, score = neck.Score;
        if (ls.IsPresent && rs.IsPresent)
        {
            torso = PerShoulderWidth * Distance(ls, rs);
            score = Math.Min(score, Math.Min(ls.Score, rs.Score));
        }

        foreach (var (shoulder, elbow) in (ReadOnlySpan<(int, int)>)[(LeftShoulder, LeftElbow), (RightShoulder, RightElbow)])
        {
            if (joints[shoulder].IsPresent && joints[elbow].IsPresent)
            {
                var arm = PerUpperArm * Distance(joints[shoulder], joints[elbow]);
                if (arm > torso)
                {
                    torso = arm;
                    score = Math.Min(neck.Score, Math.Min(joints[shoulder].Score, joints[elbow].Score));
                }
            }
        }

        return torso > 0 ? new Keypoint2D(neck.X, neck.Y + torso, score) : Keypoint2D.Missing;
    }

    private static double Distance(Keypoint2D a, Keypoint2D b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
