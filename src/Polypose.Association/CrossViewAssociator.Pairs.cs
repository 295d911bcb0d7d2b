using Polypose.Geometry;

namespace Polypose.Association;

/// <summary>The two-view compatibility check of every detection pair in different views.</summary>
public sealed partial class CrossViewAssociator
{
    /// <summary>Squared pixel error charged to a joint whose two-view triangulation lies behind a camera.</summary>
    private const double BehindCameraErrorSq = 1e8;

    private double[] _pairError = new double[1024];
    private bool[] _compatible = new bool[1024];

    private void ComputePairs()
    {
        var n = _nodeCount;
        Grow(ref _pairError, n * n);
        Grow(ref _compatible, n * n);
        Array.Clear(_compatible, 0, n * n);
        var o = Options;
        var useRays = o.PairwiseMetric == PairwiseMetric.RayDistance;
        var bound = useRays ? o.PairwiseMaxRayDistance : o.PairwiseMaxReprojectionSq;
        var compatiblePairs = 0;
        for (var a = 0; a < n; a++)
        {
            for (var b = _viewStart[_nodeView[a] + 1]; b < n; b++)
            {
                var reprojection = PairReprojection(a, b, out var rayDistance, out var common);
                var ok = common >= o.MinCommonJoints && (useRays ? rayDistance : reprojection) < bound && AnatomicallyPlausible();
                _pairError[(a * n) + b] = _pairError[(b * n) + a] = common > 0 ? reprojection : double.PositiveInfinity;
                _compatible[(a * n) + b] = _compatible[(b * n) + a] = ok;
                if (ok)
                {
                    compatiblePairs++;
                }
            }
        }

        _result.CompatiblePairCount = compatiblePairs;
    }

    /// <summary>
    /// Triangulates every joint both detections have by the weighted midpoint of the two rays, then returns the
    /// score-weighted mean squared reprojection error (px²) and, through <paramref name="rayDistance"/>, the
    /// score-weighted mean ray-to-ray distance (mm). <paramref name="common"/> counts the joints used.
    /// </summary>
    private double PairReprojection(int a, int b, out double rayDistance, out int common)
    {
        var camA = _cameras[_nodeView[a]];
        var camB = _cameras[_nodeView[b]];
        var oa = a * _jointCount;
        var ob = b * _jointCount;
        double errSum = 0;
        double distSum = 0;
        double wSum = 0;
        common = 0;
        Array.Clear(_pointOk, 0, _jointCount);
        for (var j = 0; j < _jointCount; j++)
        {
            var wa = _weights[oa + j];
            var wb = _weights[ob + j];
            if (wa <= 0 || wb <= 0)
            {
                continue;
            }

            var ra = _rays[oa + j];
            var rb = _rays[ob + j];
            var w0 = ra.Origin - rb.Origin;
            var cos = Vec3.Dot(ra.Direction, rb.Direction);
            var den = 1 - (cos * cos);
            if (den < 1e-12)
            {
                continue;
            }

            var d = Vec3.Dot(ra.Direction, w0);
            var e = Vec3.Dot(rb.Direction, w0);
            var ta = ((cos * e) - d) / den;
            var tb = (e - (cos * d)) / den;
            var pa = ra.At(ta);
            var pb = rb.At(tb);
            common++;
            wSum += wa + wb;
            distSum += (wa + wb) * Vec3.Distance(pa, pb);
            if (ta <= 0 || tb <= 0)
            {
                errSum += (wa + wb) * BehindCameraErrorSq;
                continue;
            }

            var x = ((pa * wa) + (pb * wb)) / (wa + wb);
            _points[j] = x;
            _pointOk[j] = 1;
            errSum += (wa * ReprojectionSq(camA, x, _pixels[oa + j])) + (wb * ReprojectionSq(camB, x, _pixels[ob + j]));
        }

        if (common == 0)
        {
            rayDistance = double.PositiveInfinity;
            return double.PositiveInfinity;
        }

        rayDistance = distSum / wSum;
        return errSum / wSum;
    }

    private static double ReprojectionSq(Camera camera, Vec3 point, Vec2 pixel)
    {
        var p = camera.Project(point);
        return p.InFront ? (p.Pixel - pixel).LengthSquared : BehindCameraErrorSq;
    }
}
