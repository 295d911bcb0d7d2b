using Polypose.Learning.Assignment;
using Polypose.Learning.Decoder;
using Polypose.Learning.Decoder.Losses;
using Polypose.Learning.Evidence;
using Polypose.Tensors;
using Polypose.Tensors.Optim;
using Polypose.Tensors.Serialization;

namespace Polypose.Learning.Training;

/// <summary>
/// Joint DisPOSE training of Stage I, the evidence encoder and the Stage II decoder (dispose.md 1.2, 5.2, 9): per step
/// the Stage I batch and losses exactly as <see cref="Stage1Trainer"/> draws them, then Stage II teacher-forced on the
/// same batch (<see cref="TeacherForcing"/>: triangulated matched root candidates + 64 mm jitter), the decoder reading
/// the same encoder levels, and <see cref="Stage2Loss"/> against the curated pseudo-labels
/// (<see cref="Stage2TargetBuilder"/>). Total = λ_X·X + λ_U·U + Stage II's loss; a batch without hyperedges still trains
/// Stage II (quirk 11.18, SkipStageLoss), a batch with neither is skipped. <see cref="LabelFraction"/> restricts the
/// frames drawn to a seeded fixed subset of each sequence. One seeded <see cref="Generator"/> drives every random
/// choice; checkpoints store it, so a resumed run continues bit for bit.
/// </summary>
public sealed class JointTrainer : ITrainer
{
    private readonly IReadOnlyList<TrainingSequence> _data;
    private readonly int[][] _frames;
    private readonly Stage1BatchBuilder _batches;
    private readonly Stage2TargetBuilder _targets;
    private readonly WarmupCosineSchedule _schedule;
    private readonly Tensor[][] _groups;

    /// <summary>
    /// Creates a fresh model (seeded by <paramref name="seed"/>; Stage I's weights taken from <paramref name="init"/> when
    /// given: same tensor shapes, the schedule may differ; or both stages from the full model <paramref name="full"/>, to
    /// fine-tune it) and its optimiser over <paramref name="data"/>, training on <paramref name="labelFraction"/> of each
    /// sequence's frames (at least one).
    /// </summary>
    public JointTrainer(Stage1Config config, Stage2Config stage2, IReadOnlyList<TrainingSequence> data, ulong seed, double labelFraction = 1.0, Stage1Model? init = null, Stage2LossWeights? weights = null, GradientClipping clipping = GradientClipping.Joint, DisposeModel? full = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(stage2);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0 || data.All(s => s.Frames.Count == 0))
        {
            throw new ArgumentException("no training frames", nameof(data));
        }

        if (labelFraction is not (> 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(labelFraction), labelFraction, "must be in (0, 1]");
        }

        Config = config;
        LabelFraction = labelFraction;
        _data = [.. data.Where(s => s.Frames.Count > 0)];
        var subset = new Generator(seed ^ 0x4C4142454CUL);
        _frames = [.. _data.Select(s => Subset(s.Frames.Count, labelFraction, subset))];
        Random = new Generator(seed);
        Model = new DisposeModel(config, stage2, Random);
        if (init is not null)
        {
            var report = StateDicts.Compare(Model.Stage1, init.StateDict());
            if (!report.IsExactMatch)
            {
                throw new ArgumentException($"the initial Stage I model's tensors do not fit configuration '{config.Name}': {report.ToString().Replace(Environment.NewLine, "; ", StringComparison.Ordinal)}", nameof(init));
            }

            Model.Stage1.LoadStateDict(init.StateDict(), strict: true);
        }

        if (full is not null)
        {
            if (init is not null)
            {
                throw new ArgumentException("give either a Stage I model or a full model to start from, not both", nameof(full));
            }

            var report = StateDicts.Compare(Model, full.StateDict());
            if (!report.IsExactMatch)
            {
                throw new ArgumentException($"the initial full model's tensors do not fit configuration '{config.Name}': {report.ToString().Replace(Environment.NewLine, "; ", StringComparison.Ordinal)}", nameof(full));
            }

            Model.LoadStateDict(full.StateDict(), strict: true);
        }

        Weights = weights ?? new Stage2LossWeights { Stages = stage2.Layers };
        Clipping = Enum.IsDefined(clipping) ? clipping : throw new ArgumentOutOfRangeException(nameof(clipping));
        _groups = clipping == GradientClipping.Joint
            ? [[.. Model.Parameters()]]
            : [[.. Model.Stage1.Attention.Parameters(), .. Model.Stage1.Denoiser.Parameters()], [.. Model.Stage1.Encoder.Parameters()], [.. Model.Decoder.Parameters()]];
        if (_groups.Sum(g => g.Length) != Model.Parameters().Count())
        {
            throw new InvalidOperationException("the clipping groups do not cover the model's parameters exactly once");
        }

        Optimizer = new Adam(Model.NamedParameters(), config.LearningRate);
        _schedule = new WarmupCosineSchedule(config.LearningRate, Math.Min(config.WarmupSteps, config.Steps), config.Steps, config.MinLearningRate);
        _batches = new Stage1BatchBuilder(config);
        _targets = new Stage2TargetBuilder(config, new PseudoLabelCuration());
    }

    /// <summary>The Stage I configuration (schedule and batches too).</summary>
    public Stage1Config Config { get; }

    /// <summary>The Stage II loss weights.</summary>
    public Stage2LossWeights Weights { get; }

    /// <summary>How gradients are clipped.</summary>
    public GradientClipping Clipping { get; }

    /// <summary>The gradient norm of each clipping group at the last step that trained (before clipping; one entry with <see cref="GradientClipping.Joint"/>).</summary>
    public IReadOnlyList<double> GroupNorms { get; private set; } = [];

    /// <summary>The fraction of each sequence's frames trained on.</summary>
    public double LabelFraction { get; }

    /// <summary>Frames trained on, over all sequences.</summary>
    public int FrameCount => _frames.Sum(f => f.Length);

    /// <summary>The model being trained.</summary>
    public DisposeModel Model { get; }

    /// <summary>The optimiser.</summary>
    public Adam Optimizer { get; }

    /// <summary>The one generator of the run.</summary>
    public Generator Random { get; }

    /// <summary>Steps done.</summary>
    public int Step { get; private set; }

    /// <summary>Runs one training step and returns its record (<see cref="TrainingLogEntry.Stage2"/> holds Stage II's part).</summary>
    public TrainingLogEntry TrainStep()
    {
        Model.Train();
        var c = Config;
        var which = (int)Random.NextInt64(0, _data.Count);
        var sequence = _data[which];
        var pool = _frames[which];
        var frames = Enumerable.Range(0, c.BatchFrames).Select(_ => pool[(int)Random.NextInt64(0, pool.Length)]).ToArray();
        var batch = _batches.Build(sequence, frames, Random);
        var graph = batch.Graph;
        var timesteps = Enumerable.Range(0, graph.Samples).Select(_ => (int)Random.NextInt64(1, CosineSchedule.Steps)).ToArray();
        var forced = TeacherForcing.Roots(batch, c.Slots, Random);
        var targets = forced.Mask(_targets.Build(sequence, frames, batch));
        _schedule.Apply(Optimizer, Step);
        var lr = Optimizer.LearningRate;
        Step++;
        var anyRoot = targets.PersonIds.Any(id => id >= 0);
        if (graph.EdgeCount == 0 && !anyRoot)
        {
            return new TrainingLogEntry(Step, 0, 0, 0, lr, 0, 0, true) { Stage2 = 0 };
        }

        Optimizer.ZeroGrad();
        var levels = Model.Stage1.Encoder.Forward(EvidenceEncoder.Stack(batch.Evidence));
        Tensor? total = null;
        double lx = 0, lu = 0, l2 = 0;
        double? cross = null;
        if (graph.EdgeCount > 0)
        {
            var ddim = new ProjectedDdim(new SparseSinkhornProblem(graph));
            var (x0, u0) = ddim.CleanTarget(AssignmentTargets.CleanLogits(graph, batch.NodePerson));
            var xt = ddim.Corrupt(u0, timesteps, Random);
            var features = CandidateFeatures.Compute(Model.Stage1.Attention, levels, batch.Candidates, c.Slots, c.HeatmapWidth, c.HeatmapHeight);
            var logits = Model.Stage1.Denoiser.Forward(graph, features, xt, timesteps);
            var (x, u) = ddim.Losses(logits, x0, u0);
            total = (x * (float)c.XLossWeight) + (u * (float)c.ULossWeight);
            (lx, lu) = (x.Item(), u.Item());
        }

        if (anyRoot)
        {
            var stage2 = Stage2Loss(sequence, batch, forced, targets, levels);
            l2 = stage2.Total.Item();
            cross = stage2.Layers[^1].CrossAugmentation;
            total = total is null ? stage2.Total : total + stage2.Total;
        }

        total!.Backward();
        var norms = _groups.Select(g => GradClip.ClipGradNorm(g, c.GradientClip)).ToArray();
        GroupNorms = norms;
        var norm = Math.Sqrt(norms.Sum(x => x * x));
        Optimizer.Step();
        return new TrainingLogEntry(Step, total.Item(), lx, lu, lr, norm, graph.EdgeCount, false) { Stage2 = l2, CrossAugmentation = cross };
    }

    /// <summary>
    /// Validation against the teacher: the decoder's last-layer joints, teacher-forced from unjittered triangulated
    /// roots, against the teacher's pseudo-3D on the frames <paramref name="frames"/> of <paramref name="sequence"/>
    /// (batches drawn from a generator seeded by <paramref name="seed"/>, not the run's); the mean per-joint error in mm
    /// over the teacher's reconstructed joints, or NaN when there is none.
    /// </summary>
    public double ValidateAgainstTeacher(TrainingSequence sequence, IReadOnlyList<int> frames, ulong seed = 7)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(frames);
        Model.Eval();
        var random = new Generator(seed);
        double sum = 0;
        long count = 0;
        using (Tensor.NoGrad())
        {
            foreach (var f in frames)
            {
                int[] one = [f];
                var batch = _batches.Build(sequence, one, random);
                var forced = TeacherForcing.Roots(batch, Config.Slots, null);
                var targets = forced.Mask(_targets.Build(sequence, one, batch));
                if (!targets.PersonIds.Any(id => id >= 0))
                {
                    continue;
                }

                var levels = Model.Stage1.Encoder.Forward(EvidenceEncoder.Stack(batch.Evidence));
                var views = DecoderViews.From(sequence.Cameras, [.. batch.Evidence.Select(e => e.Affine)], Config.Grid, targets.Samples);
                var output = Model.Decoder.Forward(new DecoderInput(levels, forced.RootTensor(), forced.ScoreTensor().Gt(0f), views));
                var poses = output.Poses.ToArray();
                for (var s = 0; s < targets.Samples; s++)
                {
                    for (var n = 0; n < targets.Slots; n++)
                    {
                        if (targets.PersonIds[(s * targets.Slots) + n] < 0)
                        {
                            continue;
                        }

                        for (var j = 0; j < targets.Joints; j++)
                        {
                            var k = (((s * targets.Slots) + n) * targets.Joints) + j;
                            if (targets.Scores3D[k] <= 0)
                            {
                                continue;
                            }

                            double dx = poses[3 * k] - targets.Pseudo3D[3 * k], dy = poses[(3 * k) + 1] - targets.Pseudo3D[(3 * k) + 1], dz = poses[(3 * k) + 2] - targets.Pseudo3D[(3 * k) + 2];
                            sum += Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz));
                            count++;
                        }
                    }
                }
            }
        }

        Model.Train();
        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>Writes model, optimiser, generator state and step atomically to <paramref name="path"/>.</summary>
    public void SaveCheckpoint(string path) => Checkpoint.Save(path, Model, Optimizer, Step, Random);

    /// <summary>Restores a checkpoint written by <see cref="SaveCheckpoint"/> (same configuration and data).</summary>
    public void LoadCheckpoint(string path) => Step = checked((int)Checkpoint.Load(path, Model, Optimizer, Random));

    /// <inheritdoc />
    public void SaveModel(string path, string training) => Model.Save(path, training);

    private Stage2LossResult Stage2Loss(TrainingSequence sequence, Stage1Batch batch, TeacherForcedRoots forced, Stage2Targets targets, Tensor[] levels)
    {
        var views = DecoderViews.From(sequence.Cameras, [.. batch.Evidence.Select(e => e.Affine)], Config.Grid, targets.Samples);
        var output = Model.Decoder.Forward(new DecoderInput(levels, forced.RootTensor(), forced.ScoreTensor().Gt(0f), views));
        var layers = output.Layers.Select(o => new Stage2LossLayer(o.Poses, o.Reprojected, o.Residuals, o.Triangulated.To(DType.Float32))).ToArray();
        return new Stage2Loss(targets, Weights).Compute(layers);
    }

    /// <summary>A seeded subset of ⌈fraction·count⌉ (at least one) frame indices, ascending.</summary>
    private static int[] Subset(int count, double fraction, Generator random)
    {
        var all = Enumerable.Range(0, count).ToArray();
        if (fraction >= 1)
        {
            return all;
        }

        for (var i = count - 1; i > 0; i--)
        {
            var k = (int)random.NextInt64(0, i + 1);
            (all[i], all[k]) = (all[k], all[i]);
        }

        var keep = Math.Max(1, (int)Math.Ceiling(fraction * count));
        return [.. all.Take(keep).Order()];
    }
}
