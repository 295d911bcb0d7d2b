namespace Polypose.Synthesis.Bodies;

/// <summary>BODY25 joint indices (OpenPose order, matching <c>KnownSkeletons.Body25</c>).</summary>
internal static class Body25Joint
{
    public const int Nose = 0;
    public const int Neck = 1;
    public const int RShoulder = 2;
    public const int RElbow = 3;
    public const int RWrist = 4;
    public const int LShoulder = 5;
    public const int LElbow = 6;
    public const int LWrist = 7;
    public const int MidHip = 8;
    public const int RHip = 9;
    public const int RKnee = 10;
    public const int RAnkle = 11;
    public const int LHip = 12;
    public const int LKnee = 13;
    public const int LAnkle = 14;
    public const int REye = 15;
    public const int LEye = 16;
    public const int REar = 17;
    public const int LEar = 18;
    public const int LBigToe = 19;
    public const int LSmallToe = 20;
    public const int LHeel = 21;
    public const int RBigToe = 22;
    public const int RSmallToe = 23;
    public const int RHeel = 24;
    public const int Count = 25;

    /// <summary>For each joint, its left/right mirror (itself for centre joints).</summary>
    public static ReadOnlySpan<int> Mirror =>
    [
        Nose, Neck, LShoulder, LElbow, LWrist, RShoulder, RElbow, RWrist, MidHip, LHip, LKnee, LAnkle, RHip, RKnee, RAnkle,
        LEye, REye, LEar, REar, RBigToe, RSmallToe, RHeel, LBigToe, LSmallToe, LHeel,
    ];

    /// <summary>True for joints of the legs and feet (hips excluded).</summary>
    public static bool IsLowerLeg(int j) => j is RKnee or RAnkle or LKnee or LAnkle or >= LBigToe;
}
