using Polypose.Geometry;

namespace Polypose.Association;

/// <summary>Depth-first enumeration of pairwise-compatible tuples and their multi-view reprojection cue.</summary>
public sealed partial class CrossViewAssociator
{
    private int _edgeCount;
    private int[] _edgeNodes = new int[1024];
    private double[] _edgeCue = new double[256];
    private double[] _edgeError = new double[256];
    private int[] _chosen = new int[8];
    private int[] _edgeMissing = new int[256];

    private ReadOnlySpan<int> EdgeNodes(int e) => _edgeNodes.AsSpan(e * _viewCount, _viewCount);

    private void EnumerateHyperedges()
    {
        _edgeCount = 0;
        Grow(ref _chosen, _viewCount);
        Array.Fill(_chosen, -1, 0, _viewCount);
        Search(0, 0);
    }

    private void Search(int view, int members)
    {
        if (_edgeCount >= Options.MaxHyperedges)
        {
            return;
        }

        if (view == _viewCount)
        {
            if (members >= 2)
            {
                TryAddEdge(members);
            }

            return;
        }

        // Not seen in this view (a dustbin), but only while enough later views remain to reach two members.
        if (members + (_viewCount - view - 1) >= 2)
        {
            Search(view + 1, members);
        }

        var n = _nodeCount;
        for (var node = _viewStart[view]; node < _viewStart[view + 1]; node++)
        {
            var ok = true;
            for (var v = 0; v < view && ok; v++)
            {
                var other = _chosen[v];
                ok = other < 0 || _compatible[(other * n) + node];
            }

            if (!ok)
            {
                continue;
            }

            _chosen[view] = node;
            Search(view + 1, members + 1);
            _chosen[view] = -1;
        }
    }

    private void TryAddEdge(int members)
    {
        double error;
        if (members == 2)
        {
            var first = -1;
            var second = -1;
            for (var v = 0; v < _viewCount; v++)
            {
                if (_chosen[v] >= 0)
                {
                    if (first < 0)
                    {
                        first = _chosen[v];
                    }
                    else
                    {
                        second = _chosen[v];
                    }
                }
            }

            error = _pairError[(first * _nodeCount) + second];
            if (Options.MissingViewPenalty > 0)
            {
                PairReprojection(first, second, out _, out _);
            }
        }
        else
        {
            error = MultiViewReprojection();
        }

        if (!(error <= Options.HyperedgeMaxReprojectionSq))
        {
            return;
        }

        var nu = Math.Max(1.0, Math.Pow(members - 1, _viewCount - 1));
        var cue = Math.Exp(-Options.CueLambda * error / nu);
        var e = _edgeCount;
        GrowKeep(ref _edgeNodes, (e + 1) * _viewCount);
        GrowKeep(ref _edgeCue, e + 1);
        GrowKeep(ref _edgeError, e + 1);
        GrowKeep(ref _edgeMissing, e + 1);
        _edgeMissing[e] = Options.MissingViewPenalty > 0 ? CountMissingViews() : 0;
        _chosen.AsSpan(0, _viewCount).CopyTo(_edgeNodes.AsSpan(e * _viewCount));
        _edgeCue[e] = cue;
        _edgeError[e] = error;
        _edgeCount = e + 1;
    }

    /// <summary>
    /// Per joint, weighted midpoint over the chosen members that have it, then the score-weighted mean squared
    /// reprojection error over all (member, joint) pairs used; +∞ when no joint could be triangulated.
    /// </summary>
    private double MultiViewReprojection()
    {
        Span<Ray> rays = stackalloc Ray[_viewCount];
        Span<double> weights = stackalloc double[_viewCount];
        Span<double> viewErr = stackalloc double[_viewCount];
        Span<double> viewW = stackalloc double[_viewCount];
        viewErr.Clear();
        viewW.Clear();
        double errSum = 0;
        double wSum = 0;
        Array.Clear(_pointOk, 0, _jointCount);
        for (var j = 0; j < _jointCount; j++)
        {
            var count = 0;
            for (var v = 0; v < _viewCount; v++)
            {
                var node = _chosen[v];
                var w = node >= 0 ? _weights[(node * _jointCount) + j] : 0;
                weights[v] = w;
                if (w > 0)
                {
                    rays[v] = _rays[(node * _jointCount) + j];
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
                _points[j] = t.Point;
                _pointOk[j] = 1;
            }

            for (var v = 0; v < _viewCount; v++)
            {
                if (weights[v] <= 0)
                {
                    continue;
                }

                var index = (_chosen[v] * _jointCount) + j;
                var e = t.IsValid ? ReprojectionSq(_cameras[v], t.Point, _pixels[index]) : BehindCameraErrorSq;
                errSum += weights[v] * e;
                wSum += weights[v];
                viewErr[v] += weights[v] * e;
                viewW[v] += weights[v];
            }
        }

        // Every member must agree with the joint triangulation on its own, so one wrong view cannot hide in the mean.
        for (var v = 0; v < _viewCount; v++)
        {
            if (viewW[v] > 0 && viewErr[v] / viewW[v] > Options.HyperedgeMaxReprojectionSq)
            {
                return double.PositiveInfinity;
            }
        }

        return wSum > 0 && AnatomicallyPlausible() ? errSum / wSum : double.PositiveInfinity;
    }

    /// <summary>
    /// Views without a member in which the candidate's triangulated joints (last computed into <c>_points</c>) mostly
    /// project inside the image: negative evidence, since a real person there would usually have been detected.
    /// </summary>
    private int CountMissingViews()
    {
        var missing = 0;
        for (var v = 0; v < _viewCount; v++)
        {
            if (_chosen[v] >= 0)
            {
                continue;
            }

            int inside = 0, total = 0;
            for (var j = 0; j < _jointCount; j++)
            {
                if (_pointOk[j] > 0)
                {
                    total++;
                    if (_cameras[v].Project(_points[j]).InImage)
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

    private static void GrowKeep<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            Array.Resize(ref array, Math.Max(length, array.Length * 2));
        }
    }
}
