using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Learning.Decoder.Losses;
using Polypose.Learning.Evidence;

namespace Polypose.Learning.Training;

/// <summary>
/// Builds <see cref="Stage2Targets"/> for the frames of a <see cref="Stage1Batch"/> (dispose.md 6.5, 6.6, 5.1): person
/// slot n is the frame's n-th pseudo-label person (up to N). A person with at least <see cref="MinPseudo3DJoints"/>
/// reconstructed joints is a valid match (id n, its pseudo-3D and the teacher's per-joint confidence as score); others
/// get id −1 and no 3D. Each view's 2D label is the detection the teacher used for that person in that view
/// (<see cref="Person3D.DetectionPerView"/>), mapped to Panoptic-15 by joint name, in original px, with the
/// post-augmentation visibility of 6.5: a joint keeps its score only if it lies inside the original image and, after the
/// slot's affine, inside [m, W_in − m) × [0, H_in) of the input (m = 25 input px at a 960-px-wide input, scaled with the
/// input width). The 2D labels are then curated against the pseudo-3D (<see cref="PseudoLabelCuration"/>).
/// </summary>
public sealed class Stage2TargetBuilder
{
    /// <summary>Reconstructed joints a pseudo-label person needs to be a valid match (reference 12).</summary>
    public const int MinPseudo3DJoints = 12;

    private readonly Dictionary<string, JointMapping> _mappings = new(StringComparer.Ordinal);

    /// <summary>Creates a builder for <paramref name="config"/> and <paramref name="curation"/>.</summary>
    public Stage2TargetBuilder(Stage1Config config, PseudoLabelCuration curation)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(curation);
        Config = config;
        Curation = curation;
    }

    /// <summary>The configuration (slots, augmentation slots, evidence grid).</summary>
    public Stage1Config Config { get; }

    /// <summary>The label curation.</summary>
    public PseudoLabelCuration Curation { get; }

    /// <summary>The targets of <paramref name="batch"/>, built by <see cref="Stage1BatchBuilder.Build"/> from <paramref name="frames"/> of <paramref name="sequence"/>.</summary>
    public Stage2Targets Build(TrainingSequence sequence, IReadOnlyList<int> frames, Stage1Batch batch)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(batch);
        var cameras = sequence.Cameras;
        int views = cameras.Count, slots = Config.Slots, augment = Config.AugmentSlots, joints = ViewEvidence.JointCount;
        var samples = frames.Count * augment;
        if (batch.Evidence.Count != samples * views)
        {
            throw new ArgumentException($"the batch holds {batch.Evidence.Count} views; {frames.Count} frames × {augment} slots × {views} views expected");
        }

        var target = KnownSkeletons.Panoptic15;
        var xy = new float[samples * views * slots * joints * 2];
        var s2 = new float[samples * views * slots * joints];
        var p3 = new float[samples * slots * joints * 3];
        var s3 = new float[samples * slots * joints];
        var ids = new int[samples * slots];
        Array.Fill(ids, -1);
        var affines = new ImageAffine[samples * views];
        double inputWidth = Config.InputWidth, inputHeight = Config.InputHeight, margin = 25.0 * inputWidth / 960.0;
        var counts = new int[4];
        for (var fi = 0; fi < frames.Count; fi++)
        {
            var f = frames[fi];
            var people = sequence.PseudoLabels[f].People;
            var detections = sequence.Frames[f].Views;
            for (var a = 0; a < augment; a++)
            {
                var s = (fi * augment) + a;
                for (var v = 0; v < views; v++)
                {
                    affines[(s * views) + v] = batch.Evidence[(s * views) + v].Affine.ImageToHeatmap;
                }

                for (var n = 0; n < Math.Min(slots, people.Count); n++)
                {
                    var person = people[n];
                    var (joints3, confidence) = MappingOf(person.Skeleton, target).Map(person.Joints, person.Confidence);
                    if (confidence.Count(c => c > 0) >= MinPseudo3DJoints)
                    {
                        ids[(s * slots) + n] = n;
                        for (var j = 0; j < joints; j++)
                        {
                            var k = (((s * slots) + n) * joints) + j;
                            if (confidence[j] > 0)
                            {
                                p3[3 * k] = (float)joints3[j].X;
                                p3[(3 * k) + 1] = (float)joints3[j].Y;
                                p3[(3 * k) + 2] = (float)joints3[j].Z;
                                s3[k] = (float)confidence[j];
                            }
                        }
                    }

                    for (var v = 0; v < views; v++)
                    {
                        var d = v < person.DetectionPerView.Length ? person.DetectionPerView[v] : -1;
                        if (d < 0 || d >= detections[v].Count)
                        {
                            continue;
                        }

                        var detection = detections[v][d];
                        var keypoints = MappingOf(detection.Skeleton, target).Map(detection.Joints);
                        var toInput = affines[(s * views) + v];
                        var camera = cameras[v];
                        for (var j = 0; j < joints; j++)
                        {
                            var kp = keypoints[j];
                            if (!kp.IsPresent)
                            {
                                continue;
                            }

                            var k = (((((s * views) + v) * slots) + n) * joints) + j;
                            xy[2 * k] = (float)kp.X;
                            xy[(2 * k) + 1] = (float)kp.Y;
                            var q = toInput.Apply(new Vec2(kp.X, kp.Y)) * Config.Stride;
                            var visible = kp.X >= 0 && kp.Y >= 0 && kp.X < camera.Width && kp.Y < camera.Height
                                && q.X >= margin && q.X < inputWidth - margin && q.Y >= 0 && q.Y < inputHeight;
                            s2[k] = visible ? (float)kp.Score : 0f;
                        }
                    }
                }

                var perView = slots * joints;
                for (var v = 0; v < views; v++)
                {
                    var o = ((s * views) + v) * perView;
                    var c = Curation.CurateView(
                        cameras[v], Config.InputWidth, xy.AsSpan(2 * o, 2 * perView), s2.AsSpan(o, perView), p3.AsSpan(3 * s * perView, 3 * perView), s3.AsSpan(s * perView, perView));
                    for (var i = 0; i < 4; i++)
                    {
                        counts[i] += c[i];
                    }
                }
            }
        }

        return new Stage2Targets
        {
            Frames = frames.Count,
            AugmentSlots = augment,
            Views = views,
            Slots = slots,
            Keypoints2D = xy,
            Scores2D = s2,
            Pseudo3D = p3,
            Scores3D = s3,
            PersonIds = ids,
            ImageToHeatmap = affines,
            HeatmapWidth = Config.HeatmapWidth,
            HeatmapHeight = Config.HeatmapHeight,
            Stride = Config.Stride,
            CurationCounts = counts,
        };
    }

    private JointMapping MappingOf(Skeleton from, Skeleton to)
    {
        if (!_mappings.TryGetValue(from.Name, out var mapping))
        {
            mapping = JointMapping.Create(from, to);
            _mappings[from.Name] = mapping;
        }

        return mapping;
    }
}
