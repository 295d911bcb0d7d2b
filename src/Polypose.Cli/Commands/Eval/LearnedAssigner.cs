using Polypose.Association;
using Polypose.Cli.Options;
using Polypose.Learning;
using Polypose.Learning.Comparison;
using Polypose.Reconstruction;

namespace Polypose.Cli.Commands.Eval;

/// <summary>
/// Turns <c>--model NAME|PATH</c> (<see cref="DisposeModelFile.Resolve"/>: a file, or a shipped model's name) into the
/// learned row: a Stage I model file (<see cref="Stage1Model.Load"/>) gives a row whose <see cref="Stage1CrossViewAssigner"/>
/// associates (the body triangulated as the teacher's); a full model file (<see cref="DisposeModel.FormatName"/>,
/// <see cref="DisposeModel.Load"/>) gives a row where Stage I associates and the Stage II decoder gives the joints
/// (<see cref="DisposeReconstructor"/>). Files are loaded once, strictly (a bad file is one line naming it); each scene
/// gets its own assigner sharing the weights. The reserved value <see cref="TeacherSelfCheck"/> runs the teacher through
/// the learned row instead, a plumbing check whose two rows must agree.
/// </summary>
internal static class LearnedAssigner
{
    /// <summary>The <c>--model</c> value that puts the teacher in the learned row (self-check: both rows equal).</summary>
    public const string TeacherSelfCheck = "teacher";

    /// <summary>The row <paramref name="name"/> for <paramref name="model"/>; a <see cref="UserError"/> when it cannot be loaded.</summary>
    public static AssignerRow Row(string name, string model, ReconstructionOptions options)
    {
        if (string.Equals(model, TeacherSelfCheck, StringComparison.Ordinal))
        {
            return new AssignerRow(name, () => new CrossViewAssociator(options.Association, options.Anatomy));
        }

        var path = DisposeModelFile.Resolve(model);
        if (DisposeModel.FormatOf(path) == DisposeModel.FormatName)
        {
            return AssignerRow.Full(name, DisposeModel.Load(path));
        }

        var loaded = Stage1Model.Load(path);
        return new AssignerRow(name, () => new Stage1CrossViewAssigner(loaded));
    }

    /// <summary>
    /// The worker factory of a whole reconstruction with <paramref name="model"/> (as <c>reconstruct --model</c>):
    /// Stage I association with the default body step, or the full model's Stage I + II.
    /// </summary>
    public static Func<MultiViewReconstructor> Reconstructor(string model, ReconstructionOptions options)
    {
        var row = Row("learned", model, options);
        return () =>
        {
            var assigner = row.Create();
            return row.EstimatesBody && assigner is Reconstruction.Body.IBodyEstimator body
                ? new MultiViewReconstructor(options, assigner, body)
                : new MultiViewReconstructor(options, assigner);
        };
    }
}
