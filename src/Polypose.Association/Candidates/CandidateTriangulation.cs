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
    /// Triangulates every joint both nodes have by the weighted midpoint of the two rays into <paramref name="points"/>
    /// (valid where <paramref name="valid"/>: both ray parameters in front) and returns the score-weighted mean squared
    /// reprojection error (px²; +∞ when no joint is shared), the score-weighted mean ray-to-ray distance (mm) through
    /// <paramref name="rayDistance"/> and the number of joints used through <paramref name="common"/>.
    /// With a finite <paramref name="abandonAt"/> (px²) the pair is abandoned (returns +∞, <paramref name="common"/> 0,
    /// the spans partly written) as soon as the error of the joints done so far, divided by the weight of every joint
    /// both nodes have, reaches it: a lower bound on the final error, so an abandoned pair's error is ≥ abandonAt.
    /// </summary>
    public static double Pair(
        CandidateHypergraph graph,
        IReadOnlyList<Camera> cameras,
        int a,
        int b,
        Span<Vec3> points,
        Span<bool> valid,
        out double rayDistance,
        out int common,
        double abandonAt = double.PositiveInfinity)
    {
        var camA = cameras[graph.ViewOfNode(a)];
        var camB = cameras[graph.ViewOfNode(b)];
        var jointCount = graph.JointCount;
        double errSum = 0;
        double distSum = 0;
        double wSum = 0;
        common = 0;
        valid.Clear();

        // The weight of every shared joint (parallel rays included), at least the weight the mean divides by: in the
        // same order as wSum, so a partial error over it never exceeds the final mean.
        var wAll = double.PositiveInfinity;
        var abandon = abandonAt < double.PositiveInfinity;
        if (abandon)
        {
            wAll = 0;
            for (var j = 0; j < jointCount; j++)
            {
                var wa = graph.WeightAt(a, j);
                var wb = graph.WeightAt(b, j);
                if (wa > 0 && wb > 0)
                {
                    wAll += wa + wb;
                }
            }
        }

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
            }
            else
            {
                var x = ((pa * wa) + (pb * wb)) / (wa + wb);
                points[j] = x;
                valid[j] = true;
                var errA = wa * ReprojectionSq(camA, x, graph.PixelAt(a, j));

                // errSum + errA never exceeds the sum below (both terms are ≥ 0), so it may abandon before camera B.
                if (abandon && (errSum + errA) / wAll >= abandonAt)
                {
                    return Abandoned(out rayDistance, out common);
                }

                errSum += errA + (wb * ReprojectionSq(camB, x, graph.PixelAt(b, j)));
            }

            if (abandon && errSum / wAll >= abandonAt)
            {
                return Abandoned(out rayDistance, out common);
            }
        }

        if (common == 0)
        {
            rayDistance = double.PositiveInfinity;
            return double.PositiveInfinity;
        }

        rayDistance = distSum / wSum;
        return errSum / wSum;
    }

    /// <summary>What <see cref="Pair"/> returns for an abandoned pair: +∞ error and ray distance, no joint counted.</summary>
    private static double Abandoned(out double rayDistance, out int common)
    {
        rayDistance = double.PositiveInfinity;
        common = 0;
        return double.PositiveInfinity;
    }

    /// <summary>
    /// Per joint, the weighted midpoint over the members (<paramref name="nodesPerView"/>, −1 = dustbin) that have it,
    /// written into <paramref name="points"/>/<paramref name="valid"/>; returns the score-weighted mean squared
    /// reprojection error over all (member, joint) pairs used, or +∞ when no joint could be triangulated, when one
    /// member's own mean error exceeds <paramref name="maxMemberErrorSq"/> (so one wrong view cannot hide in the mean),
    /// or when the mean exceeds <paramref name="maxErrorSq"/>. Both checks run after every joint against the final
    /// weights (known up front), so a tuple is given up as soon as its errors so far already exceed a bound; the spans
    /// are then partly written.
    /// </summary>
    public static double Members(
        CandidateHypergraph graph,
        IReadOnlyList<Camera> cameras,
        ReadOnlySpan<int> nodesPerView,
        double maxMemberErrorSq,
        Span<Vec3> points,
        Span<bool> valid,
        double maxErrorSq = double.PositiveInfinity)
    {
        var viewCount = graph.ViewCount;
        var jointCount = graph.JointCount;

        // The members in view order: m of them.
        Span<int> memberNode = stackalloc int[viewCount];
        Span<int> memberView = stackalloc int[viewCount];
        var m = 0;
        for (var v = 0; v < viewCount; v++)
        {
            if (nodesPerView[v] >= 0)
            {
                memberNode[m] = nodesPerView[v];
                memberView[m++] = v;
            }
        }

        // Per joint the members that have it, compacted (the triangulation skips weightless rays, so dropping them
        // changes nothing), and per member the error and weight so far and its final weight.
        Span<Ray> rays = stackalloc Ray[m];
        Span<double> weights = stackalloc double[m];
        Span<int> slotMember = stackalloc int[m];
        Span<double> memberErr = stackalloc double[m];
        Span<double> memberW = stackalloc double[m];
        Span<double> memberWFinal = stackalloc double[m];
        memberErr.Clear();
        memberW.Clear();
        memberWFinal.Clear();

        // Final weights, summed in the order of the main loop below so that they equal its sums exactly.
        double wFinal = 0;
        for (var j = 0; j < jointCount; j++)
        {
            var count = 0;
            for (var i = 0; i < m; i++)
            {
                count += graph.WeightAt(memberNode[i], j) > 0 ? 1 : 0;
            }

            if (count < 2)
            {
                continue;
            }

            for (var i = 0; i < m; i++)
            {
                var w = graph.WeightAt(memberNode[i], j);
                if (w > 0)
                {
                    wFinal += w;
                    memberWFinal[i] += w;
                }
            }
        }

        double errSum = 0;
        double wSum = 0;
        valid.Clear();
        for (var j = 0; j < jointCount; j++)
        {
            var k = 0;
            for (var i = 0; i < m; i++)
            {
                var node = memberNode[i];
                var w = graph.WeightAt(node, j);
                if (w > 0)
                {
                    rays[k] = graph.RayAt(node, j);
                    weights[k] = w;
                    slotMember[k++] = i;
                }
            }

            if (k < 2)
            {
                continue;
            }

            var t = Triangulation.MidpointPoint(rays[..k], weights[..k]);
            if (t.IsValid)
            {
                points[j] = t.Point;
                valid[j] = true;
            }

            for (var s = 0; s < k; s++)
            {
                var i = slotMember[s];
                var w = weights[s];
                var e = t.IsValid ? ReprojectionSq(cameras[memberView[i]], t.Point, graph.PixelAt(memberNode[i], j)) : BehindCameraErrorSq;
                errSum += w * e;
                wSum += w;
                memberErr[i] += w * e;
                memberW[i] += w;

                // Errors only grow and the final weight is known: past a bound now means past it at the end.
                if (memberErr[i] / memberWFinal[i] > maxMemberErrorSq)
                {
                    return double.PositiveInfinity;
                }
            }

            if (errSum / wFinal > maxErrorSq)
            {
                return double.PositiveInfinity;
            }
        }

        for (var i = 0; i < m; i++)
        {
            if (memberW[i] > 0 && memberErr[i] / memberW[i] > maxMemberErrorSq)
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
        var total = 0;
        foreach (var ok in valid[..points.Length])
        {
            total += ok ? 1 : 0;
        }

        if (total == 0)
        {
            return 0;
        }

        var missing = 0;
        for (var v = 0; v < nodesPerView.Length; v++)
        {
            if (nodesPerView[v] >= 0)
            {
                continue;
            }

            // Decided once more than half are inside, or once too few are left to get there.
            int inside = 0, seen = 0;
            for (var j = 0; j < points.Length && inside * 2 <= total && (inside + (total - seen)) * 2 > total; j++)
            {
                if (valid[j])
                {
                    seen++;
                    if (cameras[v].Project(points[j]).InImage)
                    {
                        inside++;
                    }
                }
            }

            if (inside * 2 > total)
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
