using Polypose.Geometry;

namespace Polypose.Export.Exporters;

/// <summary>
/// One person (one id) over a <see cref="PoseSequence"/>: per frame row and joint, the position (world mm, z-up) and
/// the confidence (0 = missing: the joint was not reconstructed, or the person is absent in that frame). Arrays are
/// row-major <c>[frames, joints]</c>.
/// </summary>
public sealed class PersonTrack
{
    internal PersonTrack(int id, int frames, int joints)
    {
        Id = id;
        JointCount = joints;
        Positions = new Vec3[frames * joints];
        Confidence = new double[frames * joints];
        Present = new bool[frames];
        CameraMask = new int[frames];
        FirstRow = -1;
        LastRow = -1;
    }

    /// <summary>The person's id in the input file.</summary>
    public int Id { get; }

    /// <summary>Joints per frame.</summary>
    public int JointCount { get; }

    /// <summary><c>[frames, joints]</c> positions, world mm (z-up); zero where missing.</summary>
    public Vec3[] Positions { get; }

    /// <summary><c>[frames, joints]</c> confidences; 0 = missing.</summary>
    public double[] Confidence { get; }

    /// <summary>Per frame row: whether the person appears in that frame.</summary>
    public bool[] Present { get; }

    /// <summary>Per frame row: bit v set when camera v (v &lt; 31) contributed a detection.</summary>
    public int[] CameraMask { get; }

    /// <summary>The first frame row where the person appears.</summary>
    public int FirstRow { get; private set; }

    /// <summary>The last frame row where the person appears.</summary>
    public int LastRow { get; private set; }

    /// <summary>True when joint j at frame row f was reconstructed.</summary>
    public bool Has(int f, int j) => Confidence[(f * JointCount) + j] > 0;

    /// <summary>The position of joint j at frame row f (world mm; zero when missing).</summary>
    public Vec3 At(int f, int j) => Positions[(f * JointCount) + j];

    /// <summary>The number of (frame, joint) entries with a reconstructed position.</summary>
    public int ObservedCount => Confidence.Count(c => c > 0);

    internal void MarkPresent(int row, int mask)
    {
        Present[row] = true;
        CameraMask[row] = mask;
        if (FirstRow < 0 || row < FirstRow)
        {
            FirstRow = row;
        }

        if (row > LastRow)
        {
            LastRow = row;
        }
    }
}
