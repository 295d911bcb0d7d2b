using System.Diagnostics;
using System.Globalization;
using Polypose.Core.Poses;
using Polypose.Evaluation.Conversion;
using Polypose.Evaluation.Metrics;
using Polypose.Reconstruction;
using Polypose.Synthesis;
using Polypose.Synthesis.Rigs;

namespace Polypose.Benchmarks.Crowd;

/// <summary>
/// <c>polypose bench crowd [--people N] [--frames F] [--duplicates P] [--room MM]</c>: a synthetic crowd (SceneGenerator,
/// ring:8 rig, seed 7; people past 10 projected from further scenes, see the code) with, per detection, probability P of a near-duplicate box (the same joints moved by ≤ 2 px, scores
/// × 0.9, seeded), reconstructed frame by frame on one thread. Prints per-frame milliseconds (median, max), frames/s,
/// PCP (VoxelPose protocol, every person) against the scene's ground truth, and how many frames were proven optimal.
/// </summary>
public static class CrowdBenchmark
{
    /// <summary>Runs the benchmark; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var people = 20;
        var frames = 30;
        var duplicates = 0.3;
        var room = 0.0;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            var ok = args[i] switch
            {
                "--people" => int.TryParse(value, CultureInfo.InvariantCulture, out people) && people > 0,
                "--frames" => int.TryParse(value, CultureInfo.InvariantCulture, out frames) && frames > 0,
                "--duplicates" => double.TryParse(value, CultureInfo.InvariantCulture, out duplicates) && duplicates is >= 0 and <= 1,
                "--room" => double.TryParse(value, CultureInfo.InvariantCulture, out room) && room > 0,
                _ => false,
            };
            if (!ok)
            {
                Console.Error.WriteLine($"error: bad argument '{args[i]} {value}'\nusage: polypose bench crowd [--people N] [--frames F] [--duplicates P] [--room MM]");
                return 2;
            }
        }

        if (args.Length % 2 != 0)
        {
            Console.Error.WriteLine($"error: '{args[^1]}' needs a value");
            return 2;
        }

        // SceneGenerator makes at most 12 people: the first 10 come from its scene (seed 7, its detector model); the
        // others are the ground truth of further scenes (seeds 8, 9, ...) projected into the same cameras with ±2 px
        // uniform jitter and score 0.9 (joints behind the camera or outside the image missing; no occlusion model).
        var side = room > 0 ? room : 6000;
        var scene = SceneGenerator.Generate(new SceneOptions
        {
            Rig = new RigSpec(RigKind.Ring, 8),
            People = Math.Min(10, people),
            Frames = frames,
            Seed = 7,
            RoomWidth = side,
            RoomDepth = side,
        });
        var cameras = scene.Cameras;
        var extra = new List<SyntheticScene>();
        for (var made = 10; made < people; made += 10)
        {
            extra.Add(SceneGenerator.Generate(new SceneOptions
            {
                Rig = new RigSpec(RigKind.Ring, 8),
                People = Math.Min(10, people - made),
                Frames = frames,
                Seed = 8 + extra.Count,
                RoomWidth = side,
                RoomDepth = side,
            }));
        }

        var random = new Random(11);
        var inputs = new List<MultiViewFrame>(frames);
        var truth = new List<Frame3D>(frames);
        for (var f = 0; f < frames; f++)
        {
            var views = new List<IReadOnlyList<Person2D>>();
            for (var v = 0; v < cameras.Count; v++)
            {
                var list = new List<Person2D>(scene.Detections[f].Views[v]);
                foreach (var part in extra)
                {
                    foreach (var person in part.GroundTruth[f].People)
                    {
                        var joints = new Keypoint2D[person.Joints.Length];
                        var seen = 0;
                        for (var j = 0; j < joints.Length; j++)
                        {
                            var p = cameras[v].Project(person.Joints[j]);
                            var jx = (random.NextDouble() * 4) - 2;
                            var jy = (random.NextDouble() * 4) - 2;
                            joints[j] = p.InFront && p.InImage ? new Keypoint2D(p.Pixel.X + jx, p.Pixel.Y + jy, 0.9) : new Keypoint2D(0, 0, 0);
                            seen += p.InFront && p.InImage ? 1 : 0;
                        }

                        if (seen >= 8)
                        {
                            list.Add(new Person2D(person.Skeleton, joints));
                        }
                    }
                }

                views.Add(list);
            }

            inputs.Add(WithDuplicates(new MultiViewFrame(f, views), duplicates, random));
            var gt = new List<Person3D>(scene.GroundTruth[f].People);
            for (var k = 0; k < extra.Count; k++)
            {
                gt.AddRange(extra[k].GroundTruth[f].People.Select(p => p with { Id = p.Id + (10 * (k + 1)) }));
            }

            truth.Add(new Frame3D(scene.GroundTruth[f].FrameIndex, gt));
        }

        var reconstructor = new MultiViewReconstructor();
        for (var w = 0; w < Math.Min(3, inputs.Count); w++)
        {
            reconstructor.Reconstruct(cameras, inputs[w].Views);
        }

        var ms = new double[inputs.Count];
        var predictions = new List<Frame3D>(inputs.Count);
        var optimal = 0;
        double maxGap = 0;
        long left = 0;
        var clock = new Stopwatch();
        for (var f = 0; f < inputs.Count; f++)
        {
            clock.Restart();
            var result = reconstructor.Reconstruct(cameras, inputs[f].Views);
            ms[f] = clock.Elapsed.TotalMilliseconds;
            predictions.Add(new Frame3D(truth[f].FrameIndex, [.. result]));
            var association = reconstructor.LastAssociation!;
            optimal += association.IsOptimal ? 1 : 0;
            maxGap = Math.Max(maxGap, association.OptimalityGap);
            left += association.DetectionsLeftOut;
        }

        // Where the time goes: candidate hypergraph vs selection, on a separate associator.
        var associator = new Polypose.Association.CrossViewAssociator();
        double buildMs = 0, selectMs = 0;
        var candidates = 0;
        var scratch = new Polypose.Association.AssociationResult();
        foreach (var input in inputs)
        {
            clock.Restart();
            var graph = associator.CandidateBuilder.Build(cameras, input.Views);
            buildMs += clock.Elapsed.TotalMilliseconds;
            candidates += graph.MultiViewEdgeCount;
            clock.Restart();
            associator.Selector.Select(graph, scratch);
            selectMs += clock.Elapsed.TotalMilliseconds;
        }

        var pcp = new PcpMetric(PcpOptions.VoxelPose() with { Actors = null, AverageActors = [.. Enumerable.Range(0, people)] });
        for (var f = 0; f < inputs.Count; f++)
        {
            pcp.Add(predictions[f], ShelfConversion.ToShelf15(truth[f]));
        }

        var report = pcp.Compute();
        var sorted = ms.Order().ToArray();
        var detections = inputs.Sum(f => f.Views.Sum(v => v.Count)) / (double)inputs.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"crowd: {people} people, 8 cameras, {inputs.Count} frames, {detections:F0} detections/frame (duplicate rate {duplicates})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"per frame: median {sorted[sorted.Length / 2]:F1} ms, max {sorted[^1]:F1} ms; {1000 * inputs.Count / ms.Sum():F1} frames/s (1 thread)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PCP {100 * (report.Average ?? 0):F2}; proven optimal {optimal}/{inputs.Count} frames, max gap {maxGap:F3}; detections left out {left / (double)inputs.Count:F1}/frame"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"association alone: candidates {buildMs / inputs.Count:F1} ms ({candidates / inputs.Count} hyperedges), selection {selectMs / inputs.Count:F1} ms per frame"));
        return 0;
    }

    private static MultiViewFrame WithDuplicates(MultiViewFrame frame, double probability, Random random)
    {
        var views = new List<IReadOnlyList<Person2D>>(frame.ViewCount);
        foreach (var view in frame.Views)
        {
            var list = new List<Person2D>(view.Count * 2);
            foreach (var person in view)
            {
                list.Add(person);
                if (random.NextDouble() < probability)
                {
                    var joints = person.Joints
                        .Select(k => k with { X = k.X + ((random.NextDouble() * 4) - 2), Y = k.Y + ((random.NextDouble() * 4) - 2), Score = k.Score * 0.9 })
                        .ToArray();
                    list.Add(person with { Joints = joints });
                }
            }

            views.Add(list);
        }

        return new MultiViewFrame(frame.FrameIndex, views);
    }
}
