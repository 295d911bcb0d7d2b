using Polypose.Tensors;

namespace Polypose.Learning.Decoder;

/// <summary>
/// The Stage II starting skeleton (dispose.md 4.1, the reference's <c>t_pose.pt</c>): 15 joints × (x, y, z) in
/// millimetres, Panoptic-15 order, mid-hip (joint 2) exactly at the origin, world z up. Despite the name it is a
/// near-vertical mean skeleton (arms hanging, every joint within about 30 mm of the vertical axis). Each person slot
/// starts as this skeleton translated to its Stage I root; empty slots (root zero) start around the world origin.
/// It has no parameters.
/// </summary>
public static class TPosePrior
{
    /// <summary>J, the joints of the prior.</summary>
    public const int JointCount = 15;

    private static readonly float[] Values =
    [
        1.58f, -2.03f, 493.06f,     // 0 neck
        2.90f, -23.02f, 653.27f,    // 1 nose
        0f, 0f, 0f,                 // 2 mid-hip
        23.59f, -0.83f, 492.63f,    // 3 left shoulder
        26.98f, -3.07f, 255.22f,    // 4 left elbow
        21.55f, -12.90f, 186.05f,   // 5 left wrist
        12.99f, -0.14f, 3.56f,      // 6 left hip
        14.71f, -14.48f, -318.46f,  // 7 left knee
        3.90f, 1.86f, -668.31f,     // 8 left ankle
        -19.88f, -2.44f, 493.73f,   // 9 right shoulder
        -28.68f, -12.07f, 270.14f,  // 10 right elbow
        -17.31f, -29.01f, 201.33f,  // 11 right wrist
        -12.25f, -0.44f, 2.54f,     // 12 right hip
        -19.10f, -5.66f, -313.28f,  // 13 right knee
        -19.49f, 1.02f, -657.20f,   // 14 right ankle
    ];

    /// <summary>The prior skeleton <c>[15, 3]</c> (mm, root at the origin).</summary>
    public static Tensor Skeleton() => Tensor.FromArray((float[])Values.Clone(), JointCount, 3);

    /// <summary>The (x, y, z) of joint <paramref name="joint"/> in millimetres.</summary>
    public static (float X, float Y, float Z) Joint(int joint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(joint);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(joint, JointCount);
        return (Values[3 * joint], Values[(3 * joint) + 1], Values[(3 * joint) + 2]);
    }

    /// <summary>
    /// The prior poses <c>[samples, slots, 15, 3]</c> (mm, world) of roots <c>[samples, slots, 3]</c>: the skeleton
    /// translated to each root. Callers pass zero roots for empty slots.
    /// </summary>
    public static Tensor Place(Tensor roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (roots.NDim != 3 || roots.Size(2) != 3)
        {
            throw new ArgumentException($"roots must be [samples, slots, 3], got [{string.Join(", ", roots.Shape)}]", nameof(roots));
        }

        return roots.Unsqueeze(2) + Skeleton().To(roots.DType).Reshape(1, 1, JointCount, 3);
    }
}
