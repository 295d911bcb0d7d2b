using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Reconstruction.Sequence;

/// <summary>The per-person, per-frame Gauss–Newton of <see cref="BoneLengthRefit"/>.</summary>
public sealed partial class BoneLengthRefit
{
    /// <summary>Dense normal equations over the present joints' coordinates (3 per joint); scratch reused, not thread-safe.</summary>
    private sealed class Solver(BoneRefitOptions options)
    {
        private const double ProbeMm = 0.05;
        private double[] _h = [];
        private double[] _g = [];
        private int[] _slot = [];

        public Person3D Refit(IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views, Person3D person, (int A, int B, double Length)[] segments)
        {
            var jointCount = person.Joints.Length;
            if (_slot.Length < jointCount)
            {
                _slot = new int[jointCount];
            }

            var n = 0;
            for (var j = 0; j < jointCount; j++)
            {
                _slot[j] = person.Has(j) ? n++ : -1;
            }

            var size = 3 * n;
            if (n == 0)
            {
                return person;
            }

            if (_h.Length < size * size)
            {
                _h = new double[size * size];
                _g = new double[size];
            }

            var start = person.Joints;
            var x = (Vec3[])start.Clone();
            var anchor = 1 / (options.AnchorSdMm * options.AnchorSdMm);
            var bone = 1 / (options.BoneSdMm * options.BoneSdMm);
            for (var iteration = 0; iteration < options.MaxIterations; iteration++)
            {
                Array.Clear(_h, 0, size * size);
                Array.Clear(_g, 0, size);
                for (var j = 0; j < jointCount; j++)
                {
                    var s = _slot[j];
                    if (s < 0)
                    {
                        continue;
                    }

                    var d = x[j] - start[j];
                    for (var k = 0; k < 3; k++)
                    {
                        _h[((3 * s) + k) * size + (3 * s) + k] += anchor;
                        _g[(3 * s) + k] += anchor * d[k];
                    }

                    AddReprojection(cameras, views, person, j, x[j], 3 * s, size);
                }

                foreach (var (a, b, length) in segments)
                {
                    var sa = _slot[a];
                    var sb = _slot[b];
                    if (sa < 0 || sb < 0)
                    {
                        continue;
                    }

                    var diff = x[a] - x[b];
                    var norm = diff.Length;
                    if (!(norm > 1e-9))
                    {
                        continue;
                    }

                    var u = diff / norm;
                    var r = norm - length;
                    for (var k = 0; k < 3; k++)
                    {
                        _g[(3 * sa) + k] += bone * u[k] * r;
                        _g[(3 * sb) + k] -= bone * u[k] * r;
                        for (var m = 0; m < 3; m++)
                        {
                            var value = bone * u[k] * u[m];
                            _h[((3 * sa) + k) * size + (3 * sa) + m] += value;
                            _h[((3 * sb) + k) * size + (3 * sb) + m] += value;
                            _h[((3 * sa) + k) * size + (3 * sb) + m] -= value;
                            _h[((3 * sb) + k) * size + (3 * sa) + m] -= value;
                        }
                    }
                }

                if (!Cholesky.SolveInPlace(_h, _g, size))
                {
                    break;
                }

                double largest = 0;
                for (var j = 0; j < jointCount; j++)
                {
                    var s = _slot[j];
                    if (s >= 0)
                    {
                        var step = new Vec3(_g[3 * s], _g[(3 * s) + 1], _g[(3 * s) + 2]);
                        x[j] -= step;
                        largest = Math.Max(largest, Math.Max(Math.Abs(step.X), Math.Max(Math.Abs(step.Y), Math.Abs(step.Z))));
                    }
                }

                if (largest < 0.05)
                {
                    break;
                }
            }

            foreach (var p in x)
            {
                if (!p.IsFinite)
                {
                    return person;
                }
            }

            return person with { Joints = x };
        }

        /// <summary>Adds joint j's Cauchy-weighted reprojection terms in every view that saw the person (keypoint score ≥ MinScore).</summary>
        private void AddReprojection(IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views, Person3D person, int j, Vec3 point, int at, int size)
        {
            var perView = person.DetectionPerView;
            Span<double> jx = stackalloc double[3];
            Span<double> jy = stackalloc double[3];
            for (var v = 0; v < perView.Length && v < cameras.Count && v < views.Count; v++)
            {
                var d = perView[v];
                if (d < 0 || d >= views[v].Count || j >= views[v][d].Joints.Length)
                {
                    continue;
                }

                var k = views[v][d].Joints[j];
                if (!k.IsPresent || k.Score < options.MinScore)
                {
                    continue;
                }

                var camera = cameras[v];
                var p = camera.Project(point);
                if (!p.IsValid)
                {
                    continue;
                }

                var ok = true;
                for (var c = 0; c < 3 && ok; c++)
                {
                    var delta = c switch { 0 => new Vec3(ProbeMm, 0, 0), 1 => new Vec3(0, ProbeMm, 0), _ => new Vec3(0, 0, ProbeMm) };
                    var plus = camera.Project(point + delta);
                    var minus = camera.Project(point - delta);
                    ok = plus.IsValid && minus.IsValid;
                    jx[c] = (plus.Pixel.X - minus.Pixel.X) / (2 * ProbeMm);
                    jy[c] = (plus.Pixel.Y - minus.Pixel.Y) / (2 * ProbeMm);
                }

                if (!ok)
                {
                    continue;
                }

                var rx = p.Pixel.X - k.X;
                var ry = p.Pixel.Y - k.Y;
                var e = Math.Sqrt((rx * rx) + (ry * ry)) / options.RobustScalePx;
                var w = k.Score / (1 + (e * e));
                for (var a = 0; a < 3; a++)
                {
                    _g[at + a] += w * ((jx[a] * rx) + (jy[a] * ry));
                    for (var b = 0; b < 3; b++)
                    {
                        _h[(at + a) * size + at + b] += w * ((jx[a] * jx[b]) + (jy[a] * jy[b]));
                    }
                }
            }
        }
    }
}
