namespace Polypose.Learning.Training;

/// <summary>How joint training (<see cref="JointTrainer"/>) clips gradients to <see cref="Stage1Config.GradientClip"/>.</summary>
public enum GradientClipping
{
    /// <summary>One L2 norm over every parameter of both stages (the reference, dispose.md 9): Stage II's larger loss takes most of each step.</summary>
    Joint,

    /// <summary>
    /// Three groups, each clipped to the norm on its own: Stage I's node attention and denoiser (only Stage I's losses
    /// reach them), the shared evidence encoder, and the Stage II decoder; Stage I's step no longer shrinks with Stage II's
    /// gradient.
    /// </summary>
    PerStage,
}
