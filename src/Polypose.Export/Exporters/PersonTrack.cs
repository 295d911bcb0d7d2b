using Polypose.Geometry;

namespace Polypose.Export.Exporters;

/// <summary>
/// One person (one id) of a <see cref="PoseSequence"/>: per sequence row and joint, the position (world mm, z-up) and
/// the confidence (0 = missing: the joint was not reconstructed, or the person is absent in that frame). Storage covers
/// only the rows from the person's first to last appearance, so many short-lived ids stay cheap; rows outside read as
/// absent.
/// </summary>
public sealed class PersonTrack
{
    private readonly Vec3[] _positions;
    private readonly double[] _confidence;
    private readonly bool[] _present;
    private readonly int[] _cameraMask;

    internal PersonTrack(int id, int firstRow, int lastRow, int joints)
    {
        Id = id;
        JointCount = joints;
        FirstRow = firstRow;
        LastRow = lastRow;
        var rows = lastRow - firstRow + 1;
        _positions = new Vec3[rows * joints];
        _confidence = new double[rows * joints];
        _present = new bool[rows];
        _cameraMask = new int[rows];
    }

    /// <summary>The person's id in the input file.</summary>
    public int Id { get; }

    /// <summary>Joints per frame.</summary>
    public int JointCount { get; }

    /// <summary>The first sequence row where the person appears.</summary>
    public int FirstRow { get; }

    /// <summary>The last sequence row where the person appears.</summary>
    public int LastRow { get; }

    /// <summary>Whether the person appears at sequence row f.</summary>
    public bool IsPresent(int f) => f >= FirstRow && f <= LastRow && _present[f - FirstRow];

    /// <summary>Bit v set when camera v (v &lt; 31) contributed a detection at row f.</summary>
    public int CameraMaskAt(int f) => IsPresent(f) ? _cameraMask[f - FirstRow] : 0;

    /// <summary>True when joint j at row f was reconstructed.</summary>
    public bool Has(int f, int j) => ConfidenceAt(f, j) > 0;

    /// <summary>The confidence of joint j at row f (0 = missing).</summary>
    public double ConfidenceAt(int f, int j) => f >= FirstRow && f <= LastRow ? _confidence[((f - FirstRow) * JointCount) + j] : 0;

    /// <summary>The position of joint j at row f (world mm; zero when missing).</summary>
    public Vec3 At(int f, int j) => f >= FirstRow && f <= LastRow ? _positions[((f - FirstRow) * JointCount) + j] : Vec3.Zero;

    internal void MarkPresent(int row, int mask)
    {
        _present[row - FirstRow] = true;
        _cameraMask[row - FirstRow] = mask;
    }

    internal void Set(int row, int j, Vec3 position, double confidence)
    {
        _positions[((row - FirstRow) * JointCount) + j] = position;
        _confidence[((row - FirstRow) * JointCount) + j] = confidence;
    }
}
