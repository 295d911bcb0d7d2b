using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Synthesis.Bodies;
using Polypose.Synthesis.Detection;
using Polypose.Synthesis.Motion;
using Polypose.Synthesis.Rigs;
using Polypose.Synthesis.Sampling;

namespace Polypose.Synthesis;

/// <summary>Generates synthetic multi-view multi-person scenes with ground truth. Same options (seed included), same scene.</summary>
public static class SceneGenerator
{
    /// <summary>Generates a scene; throws <see cref="ArgumentException"/> when the people do not fit the room (<see cref="SceneOptions.PeopleFitRoom"/>).</summary>
    public static SyntheticScene Generate(SceneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowUnlessPeopleFitRoom();
        var rigRng = Pcg32.ForStream(options.Seed, 1);
        var crowdRng = Pcg32.ForStream(options.Seed, 2);
        var detectRng = Pcg32.ForStream(options.Seed, 3);
        var localizeRng = Pcg32.ForStream(options.Seed, 4);
        var cameras = RigBuilder.Build(options.Rig, options.RoomWidth, options.RoomDepth, rigRng, options.RigOptions);
        var crowd = new CrowdSimulator(options.People, options.RoomWidth, options.RoomDepth, options.MinSeparation, crowdRng);
        var simulator = new DetectorSimulator(options.Noise);
        var n = options.People;
        var statures = crowd.Agents.Select(a => a.Shape.Height).ToArray();
        var joints = new Vec3[n * Body25Joint.Count];
        var bodies = new BodyFrame();
        var sources = new List<int>();
        var dt = 1.0 / options.Fps;

        var gt = new List<Frame3D>(options.Frames);
        var detections = new List<MultiViewFrame>(options.Frames);
        var allSources = new List<IReadOnlyList<int[]>>(options.Frames);
        var activities = new List<PersonActivity[]>(options.Frames);
        for (var f = 0; f < options.Frames; f++)
        {
            if (f > 0)
            {
                crowd.Step(dt);
            }

            for (var p = 0; p < n; p++)
            {
                var a = crowd.Agents[p];
                BodyKinematics.Solve(a.Shape, a.Pose, a.Position, a.Heading, joints.AsSpan(p * Body25Joint.Count, Body25Joint.Count));
            }

            bodies.Set(joints, statures);
            simulator.BeginFrame(bodies, localizeRng);
            var perView = new IReadOnlyList<Person2D>[cameras.Count];
            var viewSources = new int[cameras.Count][];
            var detectionOf = new int[n][];
            for (var p = 0; p < n; p++)
            {
                detectionOf[p] = new int[cameras.Count];
                Array.Fill(detectionOf[p], -1);
            }

            for (var v = 0; v < cameras.Count; v++)
            {
                perView[v] = simulator.Detect(cameras[v], bodies, detectRng, sources);
                viewSources[v] = [.. sources];
                for (var d = 0; d < sources.Count; d++)
                {
                    if (sources[d] >= 0 && detectionOf[sources[d]][v] < 0)
                    {
                        detectionOf[sources[d]][v] = d;
                    }
                }
            }

            var persons = new Person3D[n];
            for (var p = 0; p < n; p++)
            {
                var conf = new double[Body25Joint.Count];
                Array.Fill(conf, 1.0);
                persons[p] = new Person3D(p, KnownSkeletons.Body25, joints.AsSpan(p * Body25Joint.Count, Body25Joint.Count).ToArray(), conf, detectionOf[p]);
            }

            gt.Add(new Frame3D(f, persons));
            detections.Add(new MultiViewFrame(f, perView));
            allSources.Add(viewSources);
            activities.Add([.. crowd.Agents.Select(a => a.PersonActivity)]);
        }

        return new SyntheticScene(options, cameras, [.. crowd.Agents.Select(a => a.Shape)], gt, detections, allSources, activities);
    }
}
