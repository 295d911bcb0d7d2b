using Polypose.Geometry;
using Polypose.Synthesis.Bodies;
using Polypose.Synthesis.Sampling;

namespace Polypose.Synthesis.Detection;

/// <summary>View-consistent localisation errors: the fixed convention offset and the per-frame 3D scatter.</summary>
public sealed partial class DetectorSimulator
{
    private Vec3[] _scatter = [];
    private BodyFrame? _scatterFrame;
    private int _scatterVersion;

    /// <summary>
    /// Draws the view-independent 3D scatter (<see cref="DetectorNoiseModel.JointScatter"/>) of every joint of every
    /// person of <paramref name="bodies"/>, shared by all <see cref="Detect"/> calls until <paramref name="bodies"/> is
    /// <see cref="BodyFrame.Set"/> again. Call it once per frame before detecting in each view; without it the scatter
    /// is zero (the convention offset <see cref="DetectorNoiseModel.JointOffset"/> applies either way).
    /// </summary>
    public void BeginFrame(BodyFrame bodies, Pcg32 rng)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        ArgumentNullException.ThrowIfNull(rng);
        var n = bodies.People * Body25Joint.Count;
        if (_scatter.Length < n)
        {
            _scatter = new Vec3[n];
        }

        var sd = _model.JointScatter;
        for (var i = 0; i < n; i++)
        {
            var s = sd is null ? Vec3.Zero : sd[i % Body25Joint.Count];
            _scatter[i] = s == Vec3.Zero ? Vec3.Zero : new Vec3(s.X * rng.NextGaussian(), s.Y * rng.NextGaussian(), s.Z * rng.NextGaussian());
        }

        _scatterFrame = bodies;
        _scatterVersion = bodies.Version;
    }

    /// <summary>
    /// The points (world mm) the detector localises for person <paramref name="p"/>: ground truth plus offset and scatter,
    /// rotated from the person's body frame (left, forward, up) into the world.
    /// </summary>
    private void Localize(BodyFrame bodies, int p, Span<Vec3> targets)
    {
        var joints = bodies.Person(p);
        joints.CopyTo(targets);
        var offsets = _model.JointOffset;
        var scattered = ReferenceEquals(_scatterFrame, bodies) && _scatterVersion == bodies.Version && _model.JointScatter is not null;
        if (offsets is null && !scattered)
        {
            return;
        }

        var across = joints[Body25Joint.LHip] - joints[Body25Joint.RHip];
        var left = new Vec3(across.X, across.Y, 0);
        if (!(left.Length > 1e-6))
        {
            return;
        }

        left = left.Normalized();
        var forward = Vec3.Cross(left, Vec3.UnitZ);
        for (var j = 0; j < Body25Joint.Count; j++)
        {
            var local = offsets is null ? Vec3.Zero : offsets[j];
            if (scattered)
            {
                local += _scatter[(p * Body25Joint.Count) + j];
            }

            targets[j] += (local.X * left) + (local.Y * forward) + (local.Z * Vec3.UnitZ);
        }
    }
}
