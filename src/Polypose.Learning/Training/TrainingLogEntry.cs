namespace Polypose.Learning.Training;

/// <summary>One training step's record (log.json): the weighted total and its X/U parts, the learning rate, the
/// gradient norm before clipping, the batch's hyperedges, and whether the batch was skipped (no hyperedge).</summary>
/// <param name="Step">1-based step number.</param>
/// <param name="Loss">λ_X·X + λ_U·U (0 when skipped).</param>
/// <param name="X">X_Loss, MSE of x̂0.</param>
/// <param name="U">U_Loss, MSE of û0.</param>
/// <param name="LearningRate">The step's learning rate.</param>
/// <param name="GradientNorm">Global gradient L2 norm before clipping.</param>
/// <param name="Edges">Candidate hyperedges in the batch.</param>
/// <param name="Skipped">True when the batch had no hyperedge (joint training: and no teacher-forced root).</param>
public sealed record TrainingLogEntry(int Step, double Loss, double X, double U, double LearningRate, double GradientNorm, int Edges, bool Skipped)
{
    /// <summary>Joint training only: Stage II's weighted loss of the step (part of <see cref="Loss"/>); absent from Stage I logs.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? Stage2 { get; init; }

    /// <summary>
    /// Joint training only: the decoder's last-layer cross-augmentation consistency term of the step (unweighted, mm;
    /// 0 with one augmentation slot), when Stage II trained.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? CrossAugmentation { get; init; }

    /// <summary>Joint training only: the validation error after this step (mm, decoder vs teacher), when validated.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? Validation { get; init; }
}
