using Polypose.Core.Poses;

namespace Polypose.Video.Synchronisation;

/// <summary>
/// Estimates each camera's frame offset from the motion of its 2D keypoints. For every joint the positions are smoothed by a
/// centred moving average, and the image speed |p(t+1) − p(t)| (pixels per frame) is standardised per camera (zero mean, unit variance over the frames
/// where it is known), which removes the scale and viewpoint differences between cameras while keeping the timing of the
/// movement (steps, arm swings). For each candidate lag the standardised speeds of the reference camera and another
/// camera are multiplied over the joints and frames both know and averaged; the lag with the largest mean correlation
/// wins. Unlike cross-correlating one vertical speed, every joint and both image axes contribute, and missing joints are
/// skipped rather than zero-filled. Deterministic; O(cameras × lags × frames × joints).
/// </summary>
public static class FrameOffsetEstimator
{
    private const int MarginExclusion = 3;

    /// <summary>
    /// Estimates offsets for <paramref name="cameras"/> (one track each, same joints). The reference is the camera with
    /// the most known speeds. Throws <see cref="ArgumentException"/> when the tracks disagree on the joint count and
    /// <see cref="InvalidOperationException"/> (naming the camera) when a camera shares too little known motion with
    /// the reference at every lag.
    /// </summary>
    public static FrameSyncResult Estimate(IReadOnlyList<KeypointTrack> cameras, FrameSyncOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        options ??= FrameSyncOptions.Default;
        if (cameras.Count == 0)
        {
            throw new ArgumentException("no cameras", nameof(cameras));
        }

        var joints = cameras[0].Joints;
        if (cameras.Any(c => c.Joints != joints))
        {
            throw new ArgumentException("every camera's track must have the same joints", nameof(cameras));
        }

        var speeds = cameras.Select(c => StandardisedSpeeds(c, options)).ToArray();
        var reference = 0;
        for (var c = 1; c < speeds.Length; c++)
        {
            if (Known(speeds[c]) > Known(speeds[reference]))
            {
                reference = c;
            }
        }

        var lags = new int[cameras.Count];
        var corr = new double[cameras.Count];
        var margin = new double[cameras.Count];
        corr[reference] = 1;
        margin[reference] = double.PositiveInfinity;
        for (var c = 0; c < cameras.Count; c++)
        {
            if (c == reference)
            {
                continue;
            }

            (lags[c], corr[c], margin[c]) = BestLag(speeds[reference], speeds[c], joints, options)
                ?? throw new InvalidOperationException(
                    $"camera {c}: too few frames with known keypoint motion in common with camera {reference} at any offset within ±{options.MaxOffset} (need {options.MinOverlap})");
        }

        var min = lags.Min();
        return new FrameSyncResult([.. lags.Select(l => l - min)], corr, margin, reference);
    }

    /// <summary>Per frame transition and joint, the standardised speed <c>[frames − 1, joints]</c>, NaN where unknown.</summary>
    internal static double[,] StandardisedSpeeds(KeypointTrack track, FrameSyncOptions options)
    {
        var frames = track.Frames;
        var n = Math.Max(frames - 1, 0);
        var w = options.Smoothing;
        var xs = new double[frames];
        var ys = new double[frames];
        var z = new double[n, track.Joints];
        for (var j = 0; j < track.Joints; j++)
        {
            // Centred moving average of the known positions (detector jitter would otherwise dominate the speed).
            for (var t = 0; t < frames; t++)
            {
                xs[t] = ys[t] = double.NaN;
                if (!Usable(track[t, j], options))
                {
                    continue;
                }

                double sx = 0, sy = 0;
                var k = 0;
                for (var u = Math.Max(0, t - w); u <= Math.Min(frames - 1, t + w); u++)
                {
                    var p = track[u, j];
                    if (Usable(p, options))
                    {
                        sx += p.X;
                        sy += p.Y;
                        k++;
                    }
                }

                xs[t] = sx / k;
                ys[t] = sy / k;
            }

            double sum = 0, sumSq = 0;
            var count = 0;
            for (var t = 0; t < n; t++)
            {
                var v = Math.Sqrt(((xs[t + 1] - xs[t]) * (xs[t + 1] - xs[t])) + ((ys[t + 1] - ys[t]) * (ys[t + 1] - ys[t])));
                z[t, j] = v;
                if (!double.IsNaN(v))
                {
                    sum += v;
                    sumSq += v * v;
                    count++;
                }
            }

            var mean = count > 0 ? sum / count : 0;
            var sd = count > 1 ? Math.Sqrt(Math.Max(0, (sumSq / count) - (mean * mean))) : 0;
            for (var t = 0; t < n; t++)
            {
                z[t, j] = sd > 1e-9 ? (z[t, j] - mean) / sd : double.NaN;
            }
        }

        return z;
    }

    private static bool Usable(Keypoint2D p, FrameSyncOptions options) => p.IsPresent && p.Score >= options.MinScore;

    private static (int Lag, double Correlation, double Margin)? BestLag(double[,] reference, double[,] other, int joints, FrameSyncOptions options)
    {
        var nRef = reference.GetLength(0);
        var nOther = other.GetLength(0);
        var start = Math.Min(options.RangeStart, nRef);
        var end = options.RangeLength == 0 ? nRef : Math.Min(nRef, start + options.RangeLength);
        var scores = new double[(2 * options.MaxOffset) + 1];
        var best = -1;
        for (var i = 0; i < scores.Length; i++)
        {
            var lag = i - options.MaxOffset;
            double s = 0;
            var pairs = 0;
            var frames = 0;
            for (var t = start; t < end; t++)
            {
                var u = t + lag;
                if (u < 0 || u >= nOther)
                {
                    continue;
                }

                var any = false;
                for (var j = 0; j < joints; j++)
                {
                    var a = reference[t, j];
                    var b = other[u, j];
                    if (!double.IsNaN(a) && !double.IsNaN(b))
                    {
                        s += a * b;
                        pairs++;
                        any = true;
                    }
                }

                frames += any ? 1 : 0;
            }

            scores[i] = frames >= options.MinOverlap && pairs > 0 ? s / pairs : double.NegativeInfinity;
            if (scores[i] > double.NegativeInfinity && (best < 0 || scores[i] > scores[best]))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return null;
        }

        var runnerUp = double.NegativeInfinity;
        for (var i = 0; i < scores.Length; i++)
        {
            if (Math.Abs(i - best) >= MarginExclusion)
            {
                runnerUp = Math.Max(runnerUp, scores[i]);
            }
        }

        return (best - options.MaxOffset, scores[best], scores[best] - runnerUp);
    }

    private static int Known(double[,] z)
    {
        var n = 0;
        foreach (var v in z)
        {
            n += double.IsNaN(v) ? 0 : 1;
        }

        return n;
    }
}
