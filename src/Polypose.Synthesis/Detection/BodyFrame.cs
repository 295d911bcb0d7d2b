using Polypose.Geometry;
using Polypose.Synthesis.Bodies;

namespace Polypose.Synthesis.Detection;

/// <summary>
/// The posed bodies of one instant, prepared for detection: BODY25 joints [people × 25] (world mm), their volumes
/// [people × <see cref="BodyVolumes.Count"/>] and enclosing spheres. Buffers are reused by <see cref="Set"/>.
/// </summary>
public sealed class BodyFrame
{
    private Vec3[] _joints = [];
    private Capsule[] _volumes = [];
    private (Vec3 Centre, double Radius)[] _bounds = [];

    /// <summary>Incremented by every <see cref="Set"/>, so per-frame samples can tell which frame they belong to.</summary>
    public int Version { get; private set; }

    /// <summary>Number of people.</summary>
    public int People { get; private set; }

    /// <summary>All joints, [people × 25], world mm.</summary>
    public ReadOnlySpan<Vec3> Joints => _joints.AsSpan(0, People * Body25Joint.Count);

    /// <summary>All volumes, [people × 13].</summary>
    public ReadOnlySpan<Capsule> Volumes => _volumes.AsSpan(0, People * BodyVolumes.Count);

    /// <summary>One enclosing sphere per person.</summary>
    public ReadOnlySpan<(Vec3 Centre, double Radius)> Bounds => _bounds.AsSpan(0, People);

    /// <summary>The joints of one person.</summary>
    public ReadOnlySpan<Vec3> Person(int p) => _joints.AsSpan(p * Body25Joint.Count, Body25Joint.Count);

    /// <summary>Loads joints [people × 25] (world mm) and statures (mm) and builds the volumes.</summary>
    public void Set(ReadOnlySpan<Vec3> joints, ReadOnlySpan<double> statures)
    {
        if (joints.Length != statures.Length * Body25Joint.Count)
        {
            throw new ArgumentException($"expected {statures.Length} × 25 joints, got {joints.Length}", nameof(joints));
        }

        People = statures.Length;
        Version++;
        if (_joints.Length < joints.Length)
        {
            _joints = new Vec3[joints.Length];
            _volumes = new Capsule[People * BodyVolumes.Count];
            _bounds = new (Vec3, double)[People];
        }

        joints.CopyTo(_joints);
        for (var p = 0; p < People; p++)
        {
            var vols = _volumes.AsSpan(p * BodyVolumes.Count, BodyVolumes.Count);
            BodyVolumes.Build(Person(p), statures[p], vols);
            _bounds[p] = BodyVolumes.Bounds(vols);
        }
    }
}
