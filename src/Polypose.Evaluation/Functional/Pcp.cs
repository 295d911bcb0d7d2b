using Polypose.Geometry;

namespace Polypose.Evaluation.Functional;

/// <summary>Percentage of Correct Parts: the per-part correctness rule (positions in world mm).</summary>
public static class Pcp
{
    /// <summary>
    /// True when the mean endpoint error (‖p_s − g_s‖ + ‖p_e − g_e‖)/2 is within <paramref name="alpha"/> times the
    /// ground-truth part length ‖g_s − g_e‖, compared as <paramref name="comparison"/> says. False when any coordinate
    /// is not finite.
    /// </summary>
    public static bool IsCorrect(
        Vec3 predStart, Vec3 predEnd, Vec3 gtStart, Vec3 gtEnd, double alpha = 0.5, PcpComparison comparison = PcpComparison.LessOrEqual)
    {
        var error = (Vec3.Distance(predStart, gtStart) + Vec3.Distance(predEnd, gtEnd)) / 2;
        var bound = alpha * Vec3.Distance(gtStart, gtEnd);
        if (!double.IsFinite(error) || !double.IsFinite(bound))
        {
            return false;
        }

        return comparison == PcpComparison.LessOrEqual ? error <= bound : error < bound;
    }
}
