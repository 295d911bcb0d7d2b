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
/// <param name="Skipped">True when the batch had no hyperedge.</param>
public sealed record TrainingLogEntry(int Step, double Loss, double X, double U, double LearningRate, double GradientNorm, int Edges, bool Skipped);
