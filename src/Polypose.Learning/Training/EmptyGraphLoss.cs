namespace Polypose.Learning.Training;

/// <summary>
/// What a batch without any candidate hyperedge does to the training losses (reference quirk 11.18). With Stage I
/// alone both choices skip the optimiser step of such a batch; they differ once Stage II's losses join the total.
/// </summary>
public enum EmptyGraphLoss
{
    /// <summary>Polypose's default: only Stage I's X/U losses are skipped; other stages' losses of the batch still count.</summary>
    SkipStageLoss,

    /// <summary>The reference: the whole batch's loss is zero, every stage's loss suppressed.</summary>
    SkipBatch,
}
