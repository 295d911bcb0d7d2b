using Polypose.Core.Poses;

namespace Polypose.Tracking.Filters;

/// <summary>
/// One step of a filter chain, applied to the trajectory of one joint of one person: <c>axes</c> [3][T] (x, y, z in mm,
/// T = frames of the person's span, one per time step), <c>present</c> [T] (false = missing; values there are
/// meaningless), <c>edits</c> [T] (what earlier steps did; a step adds its own marks). Smoothers change present values
/// only; gap filling turns missing samples present and marks them <see cref="JointEdits.Filled"/>.
/// </summary>
public interface IJointFilter
{
    /// <summary>Filters the trajectory in place; <paramref name="frameRate"/> is in frames per second.</summary>
    void Apply(double[][] axes, bool[] present, JointEdits[] edits, double frameRate);
}
