using Polypose.Core.Skeletons;

namespace Polypose.Core.Poses;

/// <summary>One person detected in one view: a keypoint per joint of <see cref="Skeleton"/> (pixels, original image).</summary>
public sealed record Person2D(Skeleton Skeleton, Keypoint2D[] Joints)
{
    /// <summary>The mean score over joints with a positive score (0 when none).</summary>
    public double MeanScore
    {
        get
        {
            double s = 0;
            var n = 0;
            foreach (var j in Joints)
            {
                if (j.IsPresent)
                {
                    s += j.Score;
                    n++;
                }
            }

            return n == 0 ? 0 : s / n;
        }
    }

    /// <summary>Number of joints present.</summary>
    public int PresentCount => Joints.Count(j => j.IsPresent);
}
