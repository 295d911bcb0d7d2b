namespace Polypose.Evaluation.Functional;

/// <summary>How a part's mean endpoint error is compared with α·(ground-truth part length).</summary>
public enum PcpComparison
{
    /// <summary>Correct when (‖p_s − g_s‖ + ‖p_e − g_e‖)/2 ≤ α·‖g_s − g_e‖ (VoxelPose, MVPose, DisPOSE).</summary>
    LessOrEqual,

    /// <summary>Correct when (‖p_s − g_s‖ + ‖p_e − g_e‖)/2 &lt; α·‖g_s − g_e‖ (4D Association's evaluate_shelf).</summary>
    Less,
}
