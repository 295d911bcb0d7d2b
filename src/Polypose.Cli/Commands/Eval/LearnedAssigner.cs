using Polypose.Association;
using Polypose.Reconstruction;

namespace Polypose.Cli.Commands.Eval;

/// <summary>
/// Turns <c>--model PATH</c> into the factory of the learned row's <see cref="ICrossViewAssigner"/>. Until the Stage I
/// model file (Stage1Model.Load) is part of this build, a real path is refused with one line; the reserved value
/// <see cref="TeacherSelfCheck"/> runs the teacher through the learned row, a plumbing check whose two rows must agree.
/// Wiring the model is one line here: <c>var m = Stage1Model.Load(path); return () =&gt; new Stage1CrossViewAssigner(m);</c>.
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

        throw new UserError($"{model}: this build cannot load Stage I models yet (no Stage1Model loader); use --model {TeacherSelfCheck} for the self-check row");
    }
}
