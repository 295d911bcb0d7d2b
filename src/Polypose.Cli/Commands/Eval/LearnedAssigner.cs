using Polypose.Association;
using Polypose.Learning;
using Polypose.Reconstruction;

namespace Polypose.Cli.Commands.Eval;

/// <summary>
/// Turns <c>--model PATH</c> into the factory of the learned row's <see cref="ICrossViewAssigner"/>: the Stage I model
/// file is loaded once (<see cref="Stage1Model.Load"/>, strict; a bad file is one line naming it) and each scene gets its
/// own <see cref="Stage1CrossViewAssigner"/> sharing it. The reserved value <see cref="TeacherSelfCheck"/> runs the
/// teacher through the learned row instead, a plumbing check whose two rows must agree.
/// </summary>
internal static class LearnedAssigner
{
    /// <summary>The <c>--model</c> value that puts the teacher in the learned row (self-check: both rows equal).</summary>
    public const string TeacherSelfCheck = "teacher";

    /// <summary>The factory for <paramref name="model"/>; a <see cref="UserError"/> when it cannot be loaded.</summary>
    public static Func<ICrossViewAssigner> Load(string model, ReconstructionOptions options)
    {
        if (string.Equals(model, TeacherSelfCheck, StringComparison.Ordinal))
        {
            return () => new CrossViewAssociator(options.Association, options.Anatomy);
        }

        if (!File.Exists(model))
        {
            throw new UserError($"{model}: no such model file");
        }

        var loaded = Stage1Model.Load(model);
        return () => new Stage1CrossViewAssigner(loaded);
    }
}
