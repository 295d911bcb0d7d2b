using Polypose.Core.Poses;
using Polypose.Core.Skeletons;

namespace Polypose.Formats.Tests.Detections;

/// <summary>Builds small BODY25 <see cref="PafFrame"/>s for tests.</summary>
internal static class TestPafFrames
{
    /// <summary>
    /// A frame with <paramref name="people"/> well separated persons (all 25 joints, person p shifted by 300·p px) and
    /// affinity <paramref name="same"/> between joints of the same person and <paramref name="cross"/> across persons.
    /// Candidate order within each joint is reversed for odd joints so indices do not line up trivially.
    /// </summary>
    public static PafFrame Body25(int people, double same = 0.8, double cross = 0.0, double xOffset = 50)
    {
        var skeleton = KnownSkeletons.Body25;
        var candidates = new Keypoint2D[skeleton.JointCount][];
        var personOf = new int[skeleton.JointCount][];
        for (var j = 0; j < skeleton.JointCount; j++)
        {
            candidates[j] = new Keypoint2D[people];
            personOf[j] = new int[people];
            for (var i = 0; i < people; i++)
            {
                var p = j % 2 == 1 ? people - 1 - i : i;
                personOf[j][i] = p;
                candidates[j][i] = new Keypoint2D(xOffset + (300 * p) + (3 * j), 100 + (10 * j), 0.5 + (0.01 * j));
            }
        }

        var limbs = PafLimbs.Body25;
        var affinity = new double[limbs.Count][,];
        for (var l = 0; l < limbs.Count; l++)
        {
            var (a, b) = limbs[l];
            var m = new double[people, people];
            for (var r = 0; r < people; r++)
            {
                for (var c = 0; c < people; c++)
                {
                    m[r, c] = personOf[a][r] == personOf[b][c] ? same : cross;
                }
            }

            affinity[l] = m;
        }

        return new PafFrame(skeleton, candidates, limbs, affinity);
    }
}
