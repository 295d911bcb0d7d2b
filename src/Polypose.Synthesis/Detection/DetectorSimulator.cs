using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Synthesis.Bodies;
using Polypose.Synthesis.Sampling;

namespace Polypose.Synthesis.Detection;

/// <summary>
/// Turns posed 3D bodies into the BODY25 person detections a real bottom-up detector would report in one view: projects
/// the points the detector localises (ground truth plus the view-consistent offsets of <see cref="BeginFrame"/>), then applies border and occlusion misses, per-joint jitter with outliers, confidences, random misses,
/// truncation, left/right swaps, merges of overlapping people and false positives (see <see cref="DetectorNoiseModel"/>).
/// </summary>
public sealed partial class DetectorSimulator
{
    private readonly DetectorNoiseModel _model;
    private readonly double[] _sigma;
    private readonly double[] _miss;

    /// <summary>Creates a simulator; throws <see cref="ArgumentException"/> when its score range is reversed.</summary>
    public DetectorSimulator(DetectorNoiseModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.ThrowUnlessScoreRangeOrdered();
        _model = model;
        _sigma = [.. model.JitterSigma];
        _miss = [.. model.MissProbability];
    }

    /// <summary>The model in use.</summary>
    public DetectorNoiseModel Model => _model;

    /// <summary>
    /// Detects the people of <paramref name="bodies"/> in <paramref name="camera"/>. Detections come in random order;
    /// <paramref name="sources"/> (cleared first) receives, per detection, the index of the person it came from
    /// (−1 for a false positive; a merge is attributed to the nearer person).
    /// </summary>
    public IReadOnlyList<Person2D> Detect(Camera camera, BodyFrame bodies, Pcg32 rng, List<int> sources)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(bodies);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(sources);
        sources.Clear();
        var people = new List<Person2D>(bodies.People + 2);
        Span<Vec3> targets = stackalloc Vec3[Body25Joint.Count];
        var depths = new List<double>(bodies.People + 2);
        var eye = camera.Center;
        for (var p = 0; p < bodies.People; p++)
        {
            var joints = bodies.Person(p);
            var centroid = Vec3.Zero;
            foreach (var j in ApparentSize.LimbJoints)
            {
                centroid += joints[j];
            }

            centroid /= ApparentSize.LimbJoints.Length;
            var scale = ApparentSize.Pixels(camera, centroid);
            if (scale <= 0)
            {
                continue;
            }

            Localize(bodies, p, targets);
            var kps = new Keypoint2D[Body25Joint.Count];
            var present = 0;
            for (var j = 0; j < Body25Joint.Count; j++)
            {
                var proj = camera.Project(targets[j]);
                if (!proj.InImage)
                {
                    continue;
                }

                if (_model.FacingAwayMissProbability > 0 && j is Body25Joint.Nose or Body25Joint.LEye or Body25Joint.REye or Body25Joint.LEar or Body25Joint.REar
                    && Occlusion.IsFacingAway(eye, joints, bodies.Volumes[(p * BodyVolumes.Count) + BodyVolumes.Head].A, j)
                    && rng.Chance(_model.FacingAwayMissProbability))
                {
                    continue;
                }

                var occluded = _model.OccludedMissProbability > 0 || _model.OccludedSigmaScale != 1 || _model.OccludedScoreFactor != 1
                    ? Occlusion.IsOccluded(eye, bodies.Joints, bodies.Volumes, bodies.Bounds, p, j)
                    : false;
                if ((occluded && rng.Chance(_model.OccludedMissProbability)) || rng.Chance(_miss[j]))
                {
                    continue;
                }

                var sigma = (rng.Chance(_model.OutlierProbability) ? _model.OutlierSigma : _sigma[j]) * scale;
                if (occluded)
                {
                    sigma *= _model.OccludedSigmaScale;
                }

                var dx = sigma > 0 ? sigma * rng.NextGaussian() : 0;
                var dy = sigma > 0 ? sigma * rng.NextGaussian() : 0;
                var pixel = new Vec2(proj.Pixel.X + dx, proj.Pixel.Y + dy);
                if (!camera.Contains(pixel))
                {
                    continue;
                }

                var err = Math.Sqrt((dx * dx) + (dy * dy)) / scale;
                var score = _model.ScoreIntercept - (_model.ScoreSlope * err) + (_model.ScoreNoise > 0 ? _model.ScoreNoise * rng.NextGaussian() : 0);
                if (occluded)
                {
                    score *= _model.OccludedScoreFactor;
                }

                kps[j] = new Keypoint2D(pixel.X, pixel.Y, Math.Clamp(score, _model.ScoreMin, _model.ScoreMax));
                present++;
            }

            if (present == 0)
            {
                continue;
            }

            if (rng.Chance(_model.TruncationProbability))
            {
                Truncate(kps, rng.Chance(0.5));
            }

            if (rng.Chance(_model.SwapProbability))
            {
                Swap(kps);
            }

            people.Add(new Person2D(KnownSkeletons.Body25, kps));
            sources.Add(p);
            depths.Add(camera.WorldToCamera(centroid).Z);
        }

        Merge(people, sources, depths, rng);
        AddFalsePositives(camera, people, sources, rng);
        DropSparse(people, sources);
        Shuffle(people, sources, rng);
        return people;
    }
}
