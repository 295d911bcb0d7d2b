using Polypose.Video.Synchronisation;

namespace Polypose.Video.Tests.Synchronisation;

/// <summary>
/// The baseline the estimator must match or beat, written from Pose2Sim's documented method: the sum over joints of the
/// vertical keypoint speed per frame (missing joints count as no motion), smoothed, then the lag with the largest Pearson
/// cross-correlation against the reference camera.
/// </summary>
internal static class VerticalSpeedBaseline
{
    public static int Lag(KeypointTrack reference, KeypointTrack other, int maxLag, int smoothing = 2)
    {
        var a = Smooth(VerticalSpeed(reference), smoothing);
        var b = Smooth(VerticalSpeed(other), smoothing);
        var best = 0;
        var bestR = double.NegativeInfinity;
        for (var lag = -maxLag; lag <= maxLag; lag++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (var t = 0; t < a.Length; t++)
            {
                if (t + lag >= 0 && t + lag < b.Length)
                {
                    xs.Add(a[t]);
                    ys.Add(b[t + lag]);
                }
            }

            var r = Pearson(xs, ys);
            if (r > bestR)
            {
                bestR = r;
                best = lag;
            }
        }

        return best;
    }

    private static double[] VerticalSpeed(KeypointTrack t)
    {
        var s = new double[t.Frames - 1];
        for (var f = 0; f + 1 < t.Frames; f++)
        {
            for (var j = 0; j < t.Joints; j++)
            {
                var p = t[f, j];
                var q = t[f + 1, j];
                s[f] += p.IsPresent && q.IsPresent ? Math.Abs(q.Y - p.Y) : 0;
            }
        }

        return s;
    }

    private static double[] Smooth(double[] v, int w)
    {
        var o = new double[v.Length];
        for (var i = 0; i < v.Length; i++)
        {
            var lo = Math.Max(0, i - w);
            var hi = Math.Min(v.Length - 1, i + w);
            double sum = 0;
            for (var k = lo; k <= hi; k++)
            {
                sum += v[k];
            }

            o[i] = sum / (hi - lo + 1);
        }

        return o;
    }

    private static double Pearson(List<double> x, List<double> y)
    {
        if (x.Count < 3)
        {
            return double.NegativeInfinity;
        }

        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NegativeInfinity;
    }
}
