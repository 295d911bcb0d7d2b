using System.Diagnostics;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Evaluation.Association;
using Polypose.Evaluation.Metrics;
using Polypose.Evaluation.Summary;
using Polypose.Learning.Training;
using Polypose.Reconstruction;
using Polypose.Reconstruction.Body;

namespace Polypose.Learning.Comparison;

/// <summary>
/// Scores any number of cross-view assigners side by side on an <see cref="EvaluationSet"/> (issue 8, deliverable 9):
/// each row's assigner runs inside the same <see cref="MultiViewReconstructor"/> (its groups, then the default per-joint
/// triangulation and rectification), so rows differ only by association. Reported per row: pairwise association
/// accuracy against the true identities (sets that have them), root AP/Recall@500/MDE of the reconstructed people
/// (score = mean joint confidence) against the ground truth, Shelf PCP (both protocols) when the ground truth is Shelf's.
/// Pose metrics (<see cref="PoseScores"/>: pose AP/MPJPE and PCP under both protocols) come from the same frames; a row
/// whose assigner is also the body step (<see cref="AssignerRow.EstimatesBody"/>, the full DisPOSE model) is scored on
/// its own joints. Deterministic for deterministic assigners.
/// </summary>
public static class TeacherComparison
{
    private const int SceneFrameSpan = 1_000_000;

    private const int ScenePersonSpan = 10_000;

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
        var predictions = new List<Frame3D>();
        var truths = new List<Frame3D>();
        for (var s = 0; s < set.Scenes.Count; s++)
        {
            var scene = set.Scenes[s];
            var assigner = row.Create();
            var reconstructor = row.EstimatesBody && assigner is IBodyEstimator body
                ? new MultiViewReconstructor(options, assigner, body)
                : new MultiViewReconstructor(options, assigner);
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
                predictions.Add(Apart(prediction, s));
                truths.Add(Apart(truth, s));
            }
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var summary = Evaluator.Evaluate(predictions, truths);
        return new RowResult(row.Name, accuracy?.Compute(), root.Compute(), pcpA?.Compute(), pcpB?.Compute(), seconds, set.FrameCount / Math.Max(seconds, 1e-9))
        {
            Pose = new PoseScores(summary.Pose, summary.PcpVoxelPose, summary.PcpFourDAssociation),
        };
    }

    /// <summary>
    /// Scene <paramref name="scene"/>'s frame with frame numbers and person ids moved into a range of their own, so that
    /// the set's scenes are scored together without their frames or people colliding (Shelf, one scene, is unchanged).
    /// </summary>
    private static Frame3D Apart(Frame3D frame, int scene) =>
        scene == 0 ? frame : new Frame3D(frame.FrameIndex + (scene * SceneFrameSpan), [.. frame.People.Select(p => p with { Id = p.Id + (scene * ScenePersonSpan) })]);
}
