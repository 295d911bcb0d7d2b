using System.Diagnostics;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Evaluation.Association;
using Polypose.Evaluation.Metrics;
using Polypose.Learning.Training;
using Polypose.Reconstruction;

namespace Polypose.Learning.Comparison;

/// <summary>
/// Scores any number of cross-view assigners side by side on an <see cref="EvaluationSet"/> (issue 8, deliverable 9):
/// each row's assigner runs inside the same <see cref="MultiViewReconstructor"/> (its groups, then the default per-joint
/// triangulation and rectification), so rows differ only by association. Reported per row: pairwise association
/// accuracy against the true identities (sets that have them), root AP/Recall@500/MDE of the reconstructed people
/// (score = mean joint confidence) against the ground truth, Shelf PCP (both protocols) when the ground truth is Shelf's.
/// Deterministic for deterministic assigners.
/// </summary>
public static class TeacherComparison
{
    /// <summary>Runs every row on every scene of <paramref name="set"/>; <paramref name="options"/> null = the defaults.</summary>
    public static SetComparison Run(EvaluationSet set, IReadOnlyList<AssignerRow> rows, ReconstructionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(rows);
        var results = new List<RowResult>(rows.Count);
        foreach (var row in rows)
        {
            results.Add(RunRow(set, row, options));
        }

        return new SetComparison(set.Name, set.Description, set.Scenes.Count, set.FrameCount, results);
    }

    private static RowResult RunRow(EvaluationSet set, AssignerRow row, ReconstructionOptions? options)
    {
        var accuracy = set.HasIdentities ? new AssociationAccuracyMetric() : null;
        var root = new RootApMetric();
        var shelf = set.Scenes.SelectMany(s => s.GroundTruth).SelectMany(f => f.People).Select(p => p.Skeleton).FirstOrDefault() is { } sk && KnownSkeletons.IsShelf(sk);
        var pcpA = shelf ? new PcpMetric(PcpOptions.VoxelPose()) : null;
        var pcpB = shelf ? new PcpMetric(PcpOptions.FourDAssociation()) : null;
        var watch = new Stopwatch();
        foreach (var scene in set.Scenes)
        {
            var reconstructor = new MultiViewReconstructor(options, row.Create());
            var truthByFrame = scene.GroundTruth.ToDictionary(g => g.FrameIndex);
            for (var i = 0; i < scene.Frames.Count; i++)
            {
                var frame = scene.Frames[i];
                watch.Start();
                var people = scene.Paf is not null
                    ? reconstructor.Reconstruct(scene.Cameras, scene.Paf[i])
                    : reconstructor.Reconstruct(scene.Cameras, frame.Views);
                watch.Stop();
                if (accuracy is not null && reconstructor.LastAssociation is { } association)
                {
                    accuracy.Add(association, scene.Identities![i]);
                }

                if (!truthByFrame.TryGetValue(frame.FrameIndex, out var truth))
                {
                    continue;
                }

                var prediction = new Frame3D(frame.FrameIndex, people);
                root.Add(prediction, truth);
                pcpA?.Add(prediction, truth);
                pcpB?.Add(prediction, truth);
            }
        }

        var seconds = watch.Elapsed.TotalSeconds;
        return new RowResult(row.Name, accuracy?.Compute(), root.Compute(), pcpA?.Compute(), pcpB?.Compute(), seconds, set.FrameCount / Math.Max(seconds, 1e-9));
    }
}
