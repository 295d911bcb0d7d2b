namespace Polypose.Tracking.Filters;

/// <summary>The maximal runs of consecutive present samples of a trajectory, as (start, length).</summary>
public static class PresentRuns
{
    /// <summary>Every run of <c>true</c> in <paramref name="present"/>, in order.</summary>
    public static IEnumerable<(int Start, int Length)> Of(bool[] present)
    {
        ArgumentNullException.ThrowIfNull(present);
        var t = 0;
        while (t < present.Length)
        {
            if (!present[t])
            {
                t++;
                continue;
            }

            var start = t;
            while (t < present.Length && present[t])
            {
                t++;
            }

            yield return (start, t - start);
        }
    }
}
