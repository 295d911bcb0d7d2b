using Polypose.Core.Poses;
using Polypose.Evaluation.Conversion;
using Polypose.Geometry;

namespace Polypose.Evaluation.Tracking;

/// <summary>
/// Mean per-joint distance (mm) between a prediction and a ground-truth person over the joints both have: Shelf-14/15
/// ground truth is compared with the prediction converted to Shelf-15 (first 14 joints), the same skeleton joint by
/// joint, other skeletons by joint name.
/// </summary>
public static class PoseDistance
{
    /// <summary>The distance, or +∞ when the two share no present joint.</summary>
    public static double Mean(Person3D prediction, Person3D truth)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(truth);
        if (truth.Skeleton.Name is "shelf14" or "shelf15" && prediction.Skeleton.Name != truth.Skeleton.Name)
        {
            if (!ShelfConversion.CoversLimbs(prediction.Skeleton))
            {
                return double.PositiveInfinity;
            }

            prediction = ShelfConversion.ToShelf15(prediction);
            return Over(prediction, truth, 14, j => j);
        }

        if (prediction.Skeleton.Name == truth.Skeleton.Name && prediction.Joints.Length == truth.Joints.Length)
        {
            return Over(prediction, truth, truth.Joints.Length, j => j);
        }

        var names = truth.Skeleton.JointNames;
        return Over(prediction, truth, names.Count, j => prediction.Skeleton.IndexOf(names[j]));
    }

    private static double Over(Person3D prediction, Person3D truth, int count, Func<int, int> predictionIndex)
    {
        double sum = 0;
        var n = 0;
        for (var j = 0; j < count; j++)
        {
            var k = predictionIndex(j);
            if (k >= 0 && truth.Has(j) && prediction.Has(k))
            {
                sum += Vec3.Distance(prediction.Joints[k], truth.Joints[j]);
                n++;
            }
        }

        return n > 0 ? sum / n : double.PositiveInfinity;
    }
}
