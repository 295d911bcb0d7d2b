using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Synthesis.Bodies;
using Polypose.Synthesis.Sampling;

namespace Polypose.Synthesis.Detection;

/// <summary>Person-level corruptions: truncation, swaps, merges, false positives.</summary>
public sealed partial class DetectorSimulator
{
    private static readonly Vec2[] Template = BuildTemplate();

    private static void Truncate(Keypoint2D[] kps, bool legs)
    {
        for (var j = 0; j < kps.Length; j++)
        {
            var lower = Body25Joint.IsLowerLeg(j);
            var upper = j is Body25Joint.Nose or Body25Joint.REye or Body25Joint.LEye or Body25Joint.REar or Body25Joint.LEar or Body25Joint.RElbow or Body25Joint.RWrist or Body25Joint.LElbow or Body25Joint.LWrist;
            if ((legs && lower) || (!legs && upper))
            {
                kps[j] = Keypoint2D.Missing;
            }
        }
    }

    private static void Swap(Keypoint2D[] kps)
    {
        Span<Keypoint2D> copy = stackalloc Keypoint2D[Body25Joint.Count];
        kps.CopyTo(copy);
        var mirror = Body25Joint.Mirror;
        for (var j = 0; j < Body25Joint.Count; j++)
        {
            kps[j] = copy[mirror[j]];
        }
    }

    private void Merge(List<Person2D> people, List<int> sources, List<double> depths, Pcg32 rng)
    {
        if (_model.MergeProbability <= 0)
        {
            return;
        }

        for (var a = 0; a < people.Count; a++)
        {
            for (var b = a + 1; b < people.Count; b++)
            {
                if (Overlap(people[a].Joints, people[b].Joints) < _model.MergeOverlap || !rng.Chance(_model.MergeProbability))
                {
                    continue;
                }

                // The nearer person keeps the head, arms and torso; the farther one supplies hips and legs.
                var (front, back) = depths[a] <= depths[b] ? (a, b) : (b, a);
                var merged = (Keypoint2D[])people[front].Joints.Clone();
                var legs = people[back].Joints;
                foreach (var j in (ReadOnlySpan<int>)[Body25Joint.RHip, Body25Joint.LHip, Body25Joint.MidHip])
                {
                    merged[j] = legs[j];
                }

                for (var j = 0; j < Body25Joint.Count; j++)
                {
                    if (Body25Joint.IsLowerLeg(j))
                    {
                        merged[j] = legs[j];
                    }
                }

                people[a] = new Person2D(KnownSkeletons.Body25, merged);
                sources[a] = sources[front];
                depths[a] = depths[front];
                people.RemoveAt(b);
                sources.RemoveAt(b);
                depths.RemoveAt(b);
                break;
            }
        }
    }

    private void AddFalsePositives(Camera camera, List<Person2D> people, List<int> sources, Pcg32 rng)
    {
        var count = rng.Poisson(_model.FalsePositivesPerView);
        for (var k = 0; k < count; k++)
        {
            var height = rng.Uniform(0.15, 0.6) * camera.Height;
            var origin = new Vec2(rng.Uniform(0, camera.Width), rng.Uniform(-0.2 * height, camera.Height - (0.5 * height)));
            var lean = rng.Uniform(-0.15, 0.15);
            var kps = new Keypoint2D[Body25Joint.Count];
            for (var j = 0; j < Body25Joint.Count; j++)
            {
                if (!rng.Chance(0.6))
                {
                    continue;
                }

                var t = Template[j];
                var px = new Vec2(origin.X + ((t.X + (lean * t.Y)) * height) + (0.03 * height * rng.NextGaussian()), origin.Y + (t.Y * height) + (0.03 * height * rng.NextGaussian()));
                if (camera.Contains(px))
                {
                    var score = Math.Clamp(_model.FalsePositiveScore + (0.1 * rng.NextGaussian()), _model.ScoreMin, _model.ScoreMax);
                    kps[j] = new Keypoint2D(px.X, px.Y, score);
                }
            }

            people.Add(new Person2D(KnownSkeletons.Body25, kps));
            sources.Add(-1);
        }
    }

    private void DropSparse(List<Person2D> people, List<int> sources)
    {
        for (var i = people.Count - 1; i >= 0; i--)
        {
            if (people[i].PresentCount < _model.MinJoints)
            {
                people.RemoveAt(i);
                sources.RemoveAt(i);
            }
        }
    }

    private static void Shuffle(List<Person2D> people, List<int> sources, Pcg32 rng)
    {
        for (var i = people.Count - 1; i > 0; i--)
        {
            var k = rng.NextInt(i + 1);
            (people[i], people[k]) = (people[k], people[i]);
            (sources[i], sources[k]) = (sources[k], sources[i]);
        }
    }

    /// <summary>Intersection over union of the boxes of the present joints of two detections (0 when either is empty).</summary>
    internal static double Overlap(Keypoint2D[] a, Keypoint2D[] b)
    {
        if (!Box(a, out var a0, out var a1) || !Box(b, out var b0, out var b1))
        {
            return 0;
        }

        var iw = Math.Min(a1.X, b1.X) - Math.Max(a0.X, b0.X);
        var ih = Math.Min(a1.Y, b1.Y) - Math.Max(a0.Y, b0.Y);
        if (iw <= 0 || ih <= 0)
        {
            return 0;
        }

        var inter = iw * ih;
        var union = ((a1.X - a0.X) * (a1.Y - a0.Y)) + ((b1.X - b0.X) * (b1.Y - b0.Y)) - inter;
        return union > 0 ? inter / union : 0;
    }

    private static bool Box(Keypoint2D[] k, out Vec2 min, out Vec2 max)
    {
        double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
        var n = 0;
        foreach (var p in k)
        {
            if (p.IsPresent)
            {
                x0 = Math.Min(x0, p.X);
                y0 = Math.Min(y0, p.Y);
                x1 = Math.Max(x1, p.X);
                y1 = Math.Max(y1, p.Y);
                n++;
            }
        }

        min = new Vec2(x0, y0);
        max = new Vec2(x1, y1);
        return n >= 2 && x1 > x0 && y1 > y0;
    }

    /// <summary>A standing person facing the camera, unit height: x right, y down from the top of the head.</summary>
    private static Vec2[] BuildTemplate()
    {
        Span<Vec3> j = stackalloc Vec3[Body25Joint.Count];
        BodyKinematics.Solve(BodyShape.FromHeight(Sex.Male, ApparentSize.ReferenceHeight), PoseParameters.Neutral, Vec3.Zero, -Math.PI / 2, j);
        var t = new Vec2[Body25Joint.Count];
        for (var i = 0; i < Body25Joint.Count; i++)
        {
            t[i] = new Vec2(j[i].X / ApparentSize.ReferenceHeight, (ApparentSize.ReferenceHeight - j[i].Z) / ApparentSize.ReferenceHeight);
        }

        return t;
    }
}
