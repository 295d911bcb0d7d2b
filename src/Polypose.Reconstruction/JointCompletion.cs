using Polypose.Core.Anatomy;
using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Reconstruction;

/// <summary>
/// Fills joints a reconstructed person lacks from the raw per-view joint candidates of the PAF evidence, which the
/// person parser may have left unassigned or given to a fragment. For a missing joint whose parent was reconstructed:
/// candidates (score ≥ the triangulation threshold, not used by another reconstructed person's detection) whose rays pass
/// within the bone's plausible length of the parent are paired across views; the pair with the highest score sum whose
/// rays meet within <see cref="ReconstructionOptions.CompletionMaxRayDistance"/> and whose bone length is plausible
/// seeds the joint, further views join when they reproject within <see cref="ReconstructionOptions.DropoutErrorPx"/>,
/// and the joint is re-triangulated (algebraic, score-weighted). Joints are visited root-outwards so a completed elbow
/// can anchor its wrist. Not thread-safe (scratch buffers).
/// </summary>
internal sealed class JointCompletion(ReconstructionOptions options)
{
    private Vec2[] _pixels = new Vec2[8];
    private double[] _weights = new double[8];

    /// <summary>Completes the people in place; returns how many joints were added.</summary>
    public int Complete(
        IReadOnlyList<Camera> cameras, IReadOnlyList<PafFrame> evidence, IReadOnlyList<IReadOnlyList<Person2D>> persons,
        IReadOnlyList<Person3D> people, BonePrior anatomy)
    {
        var added = 0;
        if (_pixels.Length < cameras.Count)
        {
            _pixels = new Vec2[cameras.Count];
            _weights = new double[cameras.Count];
        }

        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            foreach (var j in anatomy.WalkOrder)
            {
                var parent = person.Skeleton.Parents[j];
                if (person.Confidence[j] > 0 || parent < 0 || !(person.Confidence[parent] > 0) || !anatomy.TryGetParentBone(j, out var bone))
                {
                    continue;
                }

                if (TryComplete(cameras, evidence, persons, people, person, j, person.Joints[parent], anatomy, bone, out var point, out var confidence))
                {
                    person.Joints[j] = point;
                    person.Confidence[j] = confidence;
                    added++;
                }
            }
        }

        return added;
    }

    private bool TryComplete(
        IReadOnlyList<Camera> cameras, IReadOnlyList<PafFrame> evidence, IReadOnlyList<IReadOnlyList<Person2D>> persons,
        IReadOnlyList<Person3D> people, Person3D self, int joint, Vec3 anchor, BonePrior anatomy, BoneStatistics bone, out Vec3 point, out double confidence)
    {
        point = Vec3.Zero;
        confidence = 0;
        var reach = anatomy.Upper(bone);
        var bestScore = 0.0;
        var seed = Vec3.Zero;
        for (var a = 0; a < cameras.Count; a++)
        {
            foreach (var ca in evidence[a].Candidates[joint])
            {
                if (!Usable(cameras[a], persons, people, self, a, joint, ca, anchor, reach, out var ra))
                {
                    continue;
                }

                for (var b = a + 1; b < cameras.Count; b++)
                {
                    foreach (var cb in evidence[b].Candidates[joint])
                    {
                        if (ca.Score + cb.Score <= bestScore || !Usable(cameras[b], persons, people, self, b, joint, cb, anchor, reach, out var rb))
                        {
                            continue;
                        }

                        Span<Ray> rays = [ra, rb];
                        Span<double> w = [ca.Score, cb.Score];
                        var t = Triangulation.Midpoint(rays, w);
                        if (t.IsValid && Ray.Distance(ra, rb) <= options.CompletionMaxRayDistance
                            && anatomy.Accepts(bone, Vec3.Distance(t.Point, anchor)))
                        {
                            bestScore = ca.Score + cb.Score;
                            seed = t.Point;
                        }
                    }
                }
            }
        }

        if (bestScore <= 0)
        {
            return false;
        }

        // Gather, per view, the usable candidate closest to the seed's reprojection.
        var pixels = _pixels.AsSpan(0, cameras.Count);
        var weights = _weights.AsSpan(0, cameras.Count);
        for (var v = 0; v < cameras.Count; v++)
        {
            weights[v] = 0;
            pixels[v] = Vec2.Zero;
            var projection = cameras[v].Project(seed);
            if (!projection.InFront)
            {
                continue;
            }

            var bestDistance = options.DropoutErrorPx;
            foreach (var c in evidence[v].Candidates[joint])
            {
                var d = (new Vec2(c.X, c.Y) - projection.Pixel).Length;
                if (d <= bestDistance && Usable(cameras[v], persons, people, self, v, joint, c, anchor, reach, out _))
                {
                    bestDistance = d;
                    pixels[v] = new Vec2(c.X, c.Y);
                    weights[v] = c.Score;
                }
            }
        }

        var result = Triangulation.FromPixels(cameras, pixels, weights, TriangulationMethod.Algebraic);
        if (!result.IsValid || result.ViewsUsed < 2 || !anatomy.Accepts(bone, Vec3.Distance(result.Point, anchor)))
        {
            return false;
        }

        double sum = 0;
        var n = 0;
        foreach (var w in weights)
        {
            if (w > 0)
            {
                sum += w;
                n++;
            }
        }

        point = result.Point;
        confidence = sum / n;
        return true;
    }

    /// <summary>
    /// A candidate is usable when scored enough, not claimed by another reconstructed person's detection, and within
    /// reach of the anchor.
    /// </summary>
    private bool Usable(
        Camera camera, IReadOnlyList<IReadOnlyList<Person2D>> persons, IReadOnlyList<Person3D> people, Person3D self, int view, int joint,
        Keypoint2D candidate, Vec3 anchor, double reach, out Ray ray)
    {
        ray = default;
        if (!candidate.IsPresent || candidate.Score < options.TriangulationThreshold || !double.IsFinite(candidate.Score))
        {
            return false;
        }

        for (var i = 0; i < people.Count; i++)
        {
            var p = people[i];
            if (ReferenceEquals(p, self))
            {
                continue;
            }

            var d = p.DetectionPerView[view];
            if (d >= 0 && persons[view][d].Joints[joint] is { } k && k.IsPresent && k.X == candidate.X && k.Y == candidate.Y)
            {
                return false;
            }
        }

        return camera.TryBackProject(new Vec2(candidate.X, candidate.Y), out ray) && ray.DistanceTo(anchor) <= reach;
    }
}
