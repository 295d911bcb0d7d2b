using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Reconstruction;

/// <summary>Frame-parallel driver: one reconstructor per worker, results in frame order.</summary>
public sealed partial class MultiViewReconstructor
{
    /// <summary>
    /// Reconstructs every frame with at most <paramref name="degreeOfParallelism"/> workers (1 = sequential on the calling
    /// thread), each worker owning its own <see cref="MultiViewReconstructor"/>. Result i belongs to
    /// <paramref name="frames"/>[i]; frames are independent, so the output is identical for any degree of parallelism.
    /// A failure in any frame surfaces as an <see cref="AggregateException"/> (sequential: the exception itself).
    /// </summary>
    public static IReadOnlyList<Frame3D> ReconstructAll(
        IReadOnlyList<Camera> cameras, IReadOnlyList<MultiViewFrame> frames, int degreeOfParallelism, ReconstructionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentOutOfRangeException.ThrowIfLessThan(degreeOfParallelism, 1);
        var results = new Frame3D[frames.Count];
        if (degreeOfParallelism == 1 || frames.Count < 2)
        {
            var single = new MultiViewReconstructor(options);
            for (var i = 0; i < frames.Count; i++)
            {
                results[i] = new Frame3D(frames[i].FrameIndex, single.Reconstruct(cameras, frames[i].Views));
            }

            return results;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism };
        Parallel.For(
            0,
            frames.Count,
            parallel,
            () => new MultiViewReconstructor(options),
            (i, _, reconstructor) =>
            {
                results[i] = new Frame3D(frames[i].FrameIndex, reconstructor.Reconstruct(cameras, frames[i].Views));
                return reconstructor;
            },
            _ => { });
        return results;
    }
}
