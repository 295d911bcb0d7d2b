using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Synthesis.Bodies;
using Polypose.Synthesis.Detection;
using Polypose.Synthesis.Sampling;

namespace Polypose.Synthesis.Projection;

/// <summary>
/// Runs the synthetic detector model (<see cref="DetectorSimulator"/>) on recorded 3D motion instead of simulated
/// people, e.g. the CMU Panoptic ground truth seen by any subset of its cameras: each Panoptic-15 person is completed to
/// BODY25 (<see cref="Panoptic15Completion"/>), then detected in every camera with the model's localisation, occlusion,
/// jitter, misses, swaps, merges and false positives. Joints the recording lacks are blanked in every detection.
/// Same inputs and seed, same detections.
/// </summary>
public static class MotionProjector
{
    /// <summary>
    /// Detects the people of <paramref name="frames"/> (Panoptic-15, world mm, z-up; people that lack the neck or a hip
    /// are not seen) in <paramref name="cameras"/> with <paramref name="model"/>, every random draw from
    /// <paramref name="seed"/>.
    /// </summary>
    public static ProjectedDetections ProjectPanoptic(IReadOnlyList<Camera> cameras, IReadOnlyList<Frame3D> frames, DetectorNoiseModel model, int seed)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(model);
        var simulator = new DetectorSimulator(model);
        var localizeRng = Pcg32.ForStream(seed, 4);
        var detectRng = Pcg32.ForStream(seed, 3);
        var bodies = new BodyFrame();
        var sources = new List<int>();
        var detections = new List<MultiViewFrame>(frames.Count);
        var identities = new List<IReadOnlyList<int[]>>(frames.Count);
        foreach (var frame in frames)
        {
            var joints = new List<Vec3>();
            var statures = new List<double>();
            var ids = new List<int>();
            var visible = new List<bool[]>();
            var body = new Vec3[Body25Joint.Count];
            foreach (var person in frame.People)
            {
                var seen = new bool[Body25Joint.Count];
                if (Panoptic15Completion.TryComplete(person, body, seen, out var stature))
                {
                    joints.AddRange(body);
                    statures.Add(stature);
                    ids.Add(person.Id);
                    visible.Add(seen);
                }
            }

            bodies.Set([.. joints], [.. statures]);
            simulator.BeginFrame(bodies, localizeRng);
            var views = new IReadOnlyList<Person2D>[cameras.Count];
            var viewIds = new int[cameras.Count][];
            for (var v = 0; v < cameras.Count; v++)
            {
                var people = simulator.Detect(cameras[v], bodies, detectRng, sources);
                var kept = new List<Person2D>(people.Count);
                for (var d = 0; d < people.Count; d++)
                {
                    kept.Add(sources[d] >= 0 ? Blank(people[d], visible[sources[d]]) : people[d]);
                }

                views[v] = kept;
                viewIds[v] = [.. sources.Select(s => s >= 0 ? ids[s] : -1)];
            }

            detections.Add(new MultiViewFrame(frame.FrameIndex, views));
            identities.Add(viewIds);
        }

        return new ProjectedDetections(detections, identities);
    }

    private static Person2D Blank(Person2D person, bool[] visible)
    {
        if (visible.All(v => v))
        {
            return person;
        }

        var kps = (Keypoint2D[])person.Joints.Clone();
        for (var j = 0; j < kps.Length; j++)
        {
            if (!visible[j])
            {
                kps[j] = Keypoint2D.Missing;
            }
        }

        return new Person2D(KnownSkeletons.Body25, kps);
    }
}
