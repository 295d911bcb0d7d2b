using Polypose.Geometry;

namespace Polypose.Association.Candidates;

/// <summary>
/// The per-joint triangulations behind the candidate checks and cues, as pure functions of the nodes' observations:
/// they write the triangulated joints into the caller's spans and return the score-weighted mean squared reprojection
/// error (px²).
/// </summary>
internal static class CandidateTriangulation
{
    /// <summary>Squared pixel error charged to a joint whose triangulation lies behind a camera.</summary>
    public const double BehindCameraErrorSq = 1e8;

    /// <summary>
    /// A cheap lower bound on <see cref="Pair"/>'s error (px²): the largest weighted error contribution of the first
    /// <paramref name="probes"/> shared joints divided by the total weight of all joints both nodes have (an upper bound
    /// on the weight <see cref="Pair"/> divides by). 0 when nothing is shared.
    /// </summary>
    public static double PairErrorLowerBound(CandidateHypergraph graph, IReadOnlyList<Camera> cameras, int a, int b, int probes)
    {
        var camA = cameras[graph.ViewOfNode(a)];
        var camB = cameras[graph.ViewOfNode(b)];
        var jointCount = graph.JointCount;
        double wAll = 0;
        double worst = 0;
        var probed = 0;
        for (var j = 0; j < jointCount; j++)
        {
            var wa = graph.WeightAt(a, j);
            var wb = graph.WeightAt(b, j);
            if (wa <= 0 || wb <= 0)
            {
                continue;
            }

            wAll += wa + wb;
            if (probed == probes)
            {
                continue;
            }

            var ra = graph.RayAt(a, j);
            var rb = graph.RayAt(b, j);
            var w0 = ra.Origin - rb.Origin;
            var cos = Vec3.Dot(ra.Direction, rb.Direction);
            var den = 1 - (cos * cos);
            if (den < 1e-12)
            {
                continue;
            }

            probed++;
            var d = Vec3.Dot(ra.Direction, w0);
            var e = Vec3.Dot(rb.Direction, w0);
            var ta = ((cos * e) - d) / den;
            var tb = (e - (cos * d)) / den;
            double contribution;
            if (ta <= 0 || tb <= 0)
            {
                contribution = (wa + wb) * BehindCameraErrorSq;
            }
            else
            {
                var x = ((ra.At(ta) * wa) + (rb.At(tb) * wb)) / (wa + wb);
                contribution = (wa * ReprojectionSq(camA, x, graph.PixelAt(a, j))) + (wb * ReprojectionSq(camB, x, graph.PixelAt(b, j)));
            }

            worst = Math.Max(worst, contribution);
        }

        return wAll > 0 ? worst / wAll : 0;
    }

    /// <summary>
    /// Triangulates every joint both nodes have by the weighted midpoint of the two rays into <paramref name="points"/>
    /// (valid where <paramref name="valid"/>: both ray parameters in front) and returns the score-weighted mean squared
    /// reprojection error (px²; +∞ when no joint is shared), the score-weighted mean ray-to-ray distance (mm) through
    /// <paramref name="rayDistance"/> and the number of joints used through <paramref name="common"/>.
    /// </summary>
    public static double Pair(
        CandidateHypergraph graph, IReadOnlyList<Camera> cameras, int a, int b, Span<Vec3> points, Span<bool> valid, out double rayDistance, out int common)
    {
        var camA = cameras[graph.ViewOfNode(a)];
        var camB = cameras[graph.ViewOfNode(b)];
        var jointCount = graph.JointCount;
        double errSum = 0;
        double distSum = 0;
        double wSum = 0;
        common = 0;
        valid.Clear();
        for (var j = 0; j < jointCount; j++)
        {
            var wa = graph.WeightAt(a, j);
            var wb = graph.WeightAt(b, j);
            if (wa <= 0 || wb <= 0)
            {
                continue;
            }

            var ra = graph.RayAt(a, j);
            var rb = graph.RayAt(b, j);
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
            points[j] = x;
            valid[j] = true;
            errSum += (wa * ReprojectionSq(camA, x, graph.PixelAt(a, j))) + (wb * ReprojectionSq(camB, x, graph.PixelAt(b, j)));
        }

        if (common == 0)
        {
            rayDistance = double.PositiveInfinity;
            return double.PositiveInfinity;
        }

        rayDistance = distSum / wSum;
        return errSum / wSum;
    }

    /// <summary>
    /// Per joint, the weighted midpoint over the members (<paramref name="nodesPerView"/>, −1 = dustbin) that have it,
    /// written into <paramref name="points"/>/<paramref name="valid"/>; returns the score-weighted mean squared
    /// reprojection error over all (member, joint) pairs used, or +∞ when no joint could be triangulated or when one
    /// member's own mean error exceeds <paramref name="maxMemberErrorSq"/> (so one wrong view cannot hide in the mean).
    /// </summary>
    public static double Members(
        CandidateHypergraph graph, IReadOnlyList<Camera> cameras, ReadOnlySpan<int> nodesPerView, double maxMemberErrorSq, Span<Vec3> points, Span<bool> valid)
    {
        var viewCount = graph.ViewCount;
        var jointCount = graph.JointCount;
        Span<Ray> rays = stackalloc Ray[viewCount];
        Span<double> weights = stackalloc double[viewCount];
        Span<double> viewErr = stackalloc double[viewCount];
        Span<double> viewW = stackalloc double[viewCount];
        viewErr.Clear();
        viewW.Clear();
        double errSum = 0;
        double wSum = 0;
        valid.Clear();
        for (var j = 0; j < jointCount; j++)
        {
            var count = 0;
            for (var v = 0; v < viewCount; v++)
            {
                var node = nodesPerView[v];
                var w = node >= 0 ? graph.WeightAt(node, j) : 0;
                weights[v] = w;
                if (w > 0)
                {
                    rays[v] = graph.RayAt(node, j);
                    count++;
                }
                else
                {
                    rays[v] = default;
                }
            }

            if (count < 2)
            {
                continue;
            }

            var t = Triangulation.Midpoint(rays, weights);
            if (t.IsValid)
            {
                points[j] = t.Point;
                valid[j] = true;
            }

            for (var v = 0; v < viewCount; v++)
            {
                if (weights[v] <= 0)
                {
                    continue;
                }

                var e = t.IsValid ? ReprojectionSq(cameras[v], t.Point, graph.PixelAt(nodesPerView[v], j)) : BehindCameraErrorSq;
                errSum += weights[v] * e;
                wSum += weights[v];
                viewErr[v] += weights[v] * e;
                viewW[v] += weights[v];
            }
        }

        for (var v = 0; v < viewCount; v++)
        {
            if (viewW[v] > 0 && viewErr[v] / viewW[v] > maxMemberErrorSq)
            {
                return double.PositiveInfinity;
            }
        }

        return wSum > 0 ? errSum / wSum : double.PositiveInfinity;
    }

    /// <summary>
    /// Views without a member (<paramref name="nodesPerView"/>[v] &lt; 0) in which most valid <paramref name="points"/>
    /// project inside the image.
    /// </summary>
    public static int MissingViews(IReadOnlyList<Camera> cameras, ReadOnlySpan<int> nodesPerView, ReadOnlySpan<Vec3> points, ReadOnlySpan<bool> valid)
    {
        var missing = 0;
        for (var v = 0; v < nodesPerView.Length; v++)
        {
            if (nodesPerView[v] >= 0)
            {
                continue;
            }

            int inside = 0, total = 0;
            for (var j = 0; j < points.Length; j++)
            {
                if (valid[j])
                {
                    total++;
                    if (cameras[v].Project(points[j]).InImage)
                    {
                        inside++;
                    }
                }
            }

            if (total > 0 && inside * 2 > total)
            {
                missing++;
            }
        }

        return missing;
    }

    private static double ReprojectionSq(Camera camera, Vec3 point, Vec2 pixel)
    {
        var p = camera.Project(point);
        return p.InFront ? (p.Pixel - pixel).LengthSquared : BehindCameraErrorSq;
    }
}
