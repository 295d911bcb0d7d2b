using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Reconstruction.CalibrationCheck;

/// <summary>
/// Checks a calibrated rig against the people it saw. The reconstruction supplies which detection in each view is the
/// same person; then, per camera, every high-confidence joint (detection score ≥ <see cref="CalibrationCheckOptions.MinScore"/>)
/// is triangulated from the other cameras alone and reprojected into it (held-out residual, px), and per camera pair
/// the symmetric epipolar distance of the joint's two detections is measured (px). A camera whose calibration is off
/// disagrees with all others, so its held-out residual stands out; see <see cref="CalibrationCheckOptions.Ratio"/>.
/// Cameras, world millimetres, world-to-camera as everywhere (<see cref="Camera"/>).
/// </summary>
public static class CalibrationChecker
{
    // One held-out residual: the detection's pixel and projection minus detection (px).
    private readonly record struct ResidualSample(Vec2 Pixel, Vec2 Offset);

    /// <summary>
    /// Checks <paramref name="cameras"/> (view order) using the 2D <paramref name="detections"/> and the people
    /// reconstructed from them (<paramref name="people"/>, matched to detection frames by frame number;
    /// <see cref="Person3D.DetectionPerView"/> gives each person's detection per view).
    /// </summary>
    /// <exception cref="ArgumentException">A detection frame's view count differs from the camera count.</exception>
    public static CalibrationCheckReport Check(
        IReadOnlyList<Camera> cameras, IReadOnlyList<MultiViewFrame> detections, IReadOnlyList<Frame3D> people, CalibrationCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentNullException.ThrowIfNull(people);
        options ??= new CalibrationCheckOptions();

        // Peel: the camera that stands out most is set aside (no longer used to triangulate for the others) and the
        // rest measured again; it is off when it then exceeds the others by the ratio and margin of the options. A
        // camera that is off also drags the others' residuals up through the points it helps triangulate, so the
        // comparison is made once it no longer does. Repeats while at least three cameras remain.
        var excluded = new bool[cameras.Count];
        var off = new List<string>();
        var report = Measure(cameras, detections, people, options, excluded);
        while (cameras.Count - off.Count > 3)
        {
            var candidate = MostStandingOut(report.Cameras, excluded, options);
            if (candidate < 0)
            {
                break;
            }

            excluded[candidate] = true;
            var without = Measure(cameras, detections, people, options, excluded);
            if (!IsOff(without.Cameras, candidate, excluded, options))
            {
                excluded[candidate] = false;
                break;
            }

            off.Add(cameras[candidate].Name);
            report = without;
        }

        return report with { OffCameras = off };
    }

    private static CalibrationCheckReport Measure(
        IReadOnlyList<Camera> cameras, IReadOnlyList<MultiViewFrame> detections, IReadOnlyList<Frame3D> people, CalibrationCheckOptions options, bool[] excluded)
    {
        var n = cameras.Count;
        var residuals = new List<ResidualSample>[n];
        for (var v = 0; v < n; v++)
        {
            residuals[v] = [];
        }

        var epipolar = new List<double>[n, n];
        var fundamental = new Mat3[n, n];
        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                epipolar[a, b] = [];
                fundamental[a, b] = Epipolar.Fundamental(cameras[a], cameras[b]);
            }
        }

        var peopleByFrame = new Dictionary<int, Frame3D>();
        foreach (var f in people)
        {
            peopleByFrame.TryAdd(f.FrameIndex, f);
        }

        var observed = new Person2D?[n];
        var pixels = new Vec2[n];
        var weights = new double[n];
        var held = new double[n];
        foreach (var frame in detections)
        {
            if (frame.ViewCount != n)
            {
                throw new ArgumentException($"detection frame {frame.FrameIndex} has {frame.ViewCount} views for {n} cameras", nameof(detections));
            }

            if (!peopleByFrame.TryGetValue(frame.FrameIndex, out var reconstructed))
            {
                continue;
            }

            var claimed = ClaimedDetections(frame, reconstructed, n);
            foreach (var person in reconstructed.People)
            {
                Associate(cameras, frame, person, claimed, options, observed);
                for (var j = 0; j < person.Joints.Length; j++)
                {
                    var views = 0;
                    for (var v = 0; v < n; v++)
                    {
                        var k = observed[v] is { } p && j < p.Joints.Length ? p.Joints[j] : Keypoint2D.Missing;
                        var use = k.IsPresent && k.Score >= options.MinScore;
                        pixels[v] = use ? new Vec2(k.X, k.Y) : default;
                        weights[v] = use ? k.Score : 0;
                        views += use ? 1 : 0;
                    }

                    if (views < 2)
                    {
                        continue;
                    }

                    AddEpipolar(cameras, fundamental, epipolar, pixels, weights);
                    if (views - 1 < options.MinOtherViews)
                    {
                        continue;
                    }

                    for (var c = 0; c < n; c++)
                    {
                        if (weights[c] <= 0)
                        {
                            continue;
                        }

                        for (var v = 0; v < n; v++)
                        {
                            held[v] = v == c || excluded[v] ? 0 : weights[v];
                        }

                        if (held.Count(w => w > 0) < options.MinOtherViews)
                        {
                            continue;
                        }

                        var x = Triangulation.FromPixels(cameras, pixels, held, TriangulationMethod.Algebraic);
                        var projection = x.IsValid ? cameras[c].Project(x.Point) : default;
                        if (projection.IsValid)
                        {
                            residuals[c].Add(new ResidualSample(pixels[c], projection.Pixel - pixels[c]));
                        }
                    }
                }
            }
        }

        return Summarise(cameras, residuals, epipolar, options);
    }

    // Detections the reconstruction gave to some person, per view (a fallback match must not take them).
    private static HashSet<int>[] ClaimedDetections(MultiViewFrame frame, Frame3D reconstructed, int n)
    {
        var claimed = new HashSet<int>[n];
        for (var v = 0; v < n; v++)
        {
            claimed[v] = [];
        }

        foreach (var p in reconstructed.People)
        {
            for (var v = 0; v < n && v < p.DetectionPerView.Length; v++)
            {
                if (p.DetectionPerView[v] >= 0 && p.DetectionPerView[v] < frame.Views[v].Count)
                {
                    claimed[v].Add(p.DetectionPerView[v]);
                }
            }
        }

        return claimed;
    }

    // The person's detection in each view: the reconstruction's, or else the unclaimed detection nearest to the
    // person's projection when it is within the gate (a camera that is off may have been left out by the association).
    private static void Associate(IReadOnlyList<Camera> cameras, MultiViewFrame frame, Person3D person, HashSet<int>[] claimed, CalibrationCheckOptions options, Person2D?[] observed)
    {
        for (var v = 0; v < cameras.Count; v++)
        {
            var d = v < person.DetectionPerView.Length ? person.DetectionPerView[v] : -1;
            if (d >= 0 && d < frame.Views[v].Count)
            {
                observed[v] = frame.Views[v][d];
                continue;
            }

            observed[v] = null;
            var camera = cameras[v];
            var gate = options.MatchGate * Math.Sqrt(((double)camera.Width * camera.Width) + ((double)camera.Height * camera.Height));
            var best = double.PositiveInfinity;
            var distances = new List<double>(person.Joints.Length);
            for (var i = 0; i < frame.Views[v].Count; i++)
            {
                if (claimed[v].Contains(i))
                {
                    continue;
                }

                var candidate = frame.Views[v][i];
                distances.Clear();
                for (var j = 0; j < person.Joints.Length && j < candidate.Joints.Length; j++)
                {
                    var k = candidate.Joints[j];
                    if (person.Has(j) && k.IsPresent && k.Score >= options.MinScore)
                    {
                        var e = camera.ReprojectionError(person.Joints[j], new Vec2(k.X, k.Y));
                        if (double.IsFinite(e))
                        {
                            distances.Add(e);
                        }
                    }
                }

                if (distances.Count >= 3)
                {
                    var median = Median(distances);
                    if (median < best && median < gate)
                    {
                        best = median;
                        observed[v] = candidate;
                    }
                }
            }
        }
    }

    private static void AddEpipolar(IReadOnlyList<Camera> cameras, Mat3[,] fundamental, List<double>[,] epipolar, Vec2[] pixels, double[] weights)
    {
        var n = cameras.Count;
        for (var a = 0; a < n; a++)
        {
            if (weights[a] <= 0 || !cameras[a].TryUndistortPixel(pixels[a], out var ua))
            {
                continue;
            }

            for (var b = a + 1; b < n; b++)
            {
                if (weights[b] > 0 && cameras[b].TryUndistortPixel(pixels[b], out var ub))
                {
                    var d = Epipolar.SymmetricDistance(fundamental[a, b], ua, ub);
                    if (double.IsFinite(d))
                    {
                        epipolar[a, b].Add(d);
                    }
                }
            }
        }
    }

    private static CalibrationCheckReport Summarise(IReadOnlyList<Camera> cameras, List<ResidualSample>[] residuals, List<double>[,] epipolar, CalibrationCheckOptions options)
    {
        var n = cameras.Count;
        var perCamera = new CameraResidual[n];
        for (var v = 0; v < n; v++)
        {
            var r = residuals[v].Select(s => s.Offset.Length).ToList();
            r.Sort();
            var systematic = Systematic(cameras[v], residuals[v], options.MinSamples);
            perCamera[v] = new CameraResidual(
                cameras[v].Name, r.Count, Quantile(r, 0.5), r.Count > 0 ? r.Average() : double.NaN, Quantile(r, 0.9),
                systematic, systematic / cameras[v].Intrinsics.Fx);
        }

        var pairs = new List<CameraPairConsistency>();
        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                var e = epipolar[a, b];
                e.Sort();
                pairs.Add(new CameraPairConsistency(
                    cameras[a].Name, cameras[b].Name, e.Count, Quantile(e, 0.5), Quantile(e, 0.9),
                    Vec3.Distance(cameras[a].Center, cameras[b].Center)));
            }
        }

        var unjudged = perCamera.Where(c => !IsJudged(c, options)).Select(c => c.Camera).ToList();
        return new CalibrationCheckReport(perCamera, pairs, [], unjudged);
    }

    private static bool IsJudged(CameraResidual c, CalibrationCheckOptions options) => c.Samples >= options.MinSamples && double.IsFinite(c.SystematicPixels);

    // The judged camera, not yet set aside, whose angular systematic residual is the largest multiple of the median
    // of the others'; −1 when fewer than three are judged.
    private static int MostStandingOut(IReadOnlyList<CameraResidual> cameras, bool[] excluded, CalibrationCheckOptions options)
    {
        var worst = -1;
        var worstScore = double.NegativeInfinity;
        for (var c = 0; c < cameras.Count; c++)
        {
            if (excluded[c] || !IsJudged(cameras[c], options))
            {
                continue;
            }

            var others = Others(cameras, c, excluded, options);
            if (others.Count < 2)
            {
                continue;
            }

            var score = cameras[c].AngularSystematic / Median([.. others.Select(o => o.AngularSystematic)]);
            if (score > worstScore)
            {
                worst = c;
                worstScore = score;
            }
        }

        return worst;
    }

    // Whether camera c's systematic residual exceeds the median of the remaining cameras' by the ratio (as an angle)
    // and by the pixel margin.
    private static bool IsOff(IReadOnlyList<CameraResidual> cameras, int c, bool[] excluded, CalibrationCheckOptions options)
    {
        var others = Others(cameras, c, excluded, options);
        if (!IsJudged(cameras[c], options) || others.Count < 2)
        {
            return false;
        }

        var angular = Median([.. others.Select(o => o.AngularSystematic)]);
        var pixels = Median([.. others.Select(o => o.SystematicPixels)]);
        return cameras[c].AngularSystematic > options.Ratio * angular && cameras[c].SystematicPixels - pixels > options.MinExcessPixels;
    }

    private static List<CameraResidual> Others(IReadOnlyList<CameraResidual> cameras, int c, bool[] excluded, CalibrationCheckOptions options) =>
        [.. cameras.Where((o, i) => i != c && !excluded[i] && IsJudged(o, options))];

    // The systematic part of a camera's residuals: the image is cut into a 4 x 4 grid; in each cell with enough samples
    // the component-wise median offset is what the detection noise does not average out; the result is the
    // sample-weighted RMS of those cell offsets (px). A wrong rotation or position shifts whole regions of the image
    // coherently, which this sees through noise many times larger than the shift. NaN when no cell has enough samples.
    private static double Systematic(Camera camera, List<ResidualSample> samples, int minSamples)
    {
        const int Grid = 4;
        var cells = new List<ResidualSample>[Grid * Grid];
        foreach (var s in samples)
        {
            var cx = Math.Clamp((int)(s.Pixel.X * Grid / camera.Width), 0, Grid - 1);
            var cy = Math.Clamp((int)(s.Pixel.Y * Grid / camera.Height), 0, Grid - 1);
            (cells[(cy * Grid) + cx] ??= []).Add(s);
        }

        double sum = 0;
        var count = 0;
        var perCell = Math.Max(10, minSamples / 4);
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var cell in cells)
        {
            if (cell is null || cell.Count < perCell)
            {
                continue;
            }

            xs.Clear();
            ys.Clear();
            foreach (var s in cell)
            {
                xs.Add(s.Offset.X);
                ys.Add(s.Offset.Y);
            }

            var mx = Median(xs);
            var my = Median(ys);
            sum += cell.Count * ((mx * mx) + (my * my));
            count += cell.Count;
        }

        return count == 0 ? double.NaN : Math.Sqrt(sum / count);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return Quantile(values, 0.5);
    }

    // Linear interpolation between order statistics of sorted values.
    private static double Quantile(List<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var at = q * (sorted.Count - 1);
        var lo = (int)Math.Floor(at);
        var hi = Math.Min(sorted.Count - 1, lo + 1);
        return sorted[lo] + ((at - lo) * (sorted[hi] - sorted[lo]));
    }
}
