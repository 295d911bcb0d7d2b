using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Reconstruction;

/// <summary>Frame-parallel driver: one reconstructor per worker, results in frame order.</summary>
public sealed partial class MultiViewReconstructor
{
    /// <summary>
    /// Reconstructs every frame with <paramref name="degreeOfParallelism"/> workers (1 = sequential on the calling
    /// thread), each owning its own <see cref="MultiViewReconstructor"/>. Result i belongs to <paramref name="frames"/>[i];
    /// the output is identical for any degree of parallelism.
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

        var workers = Math.Min(degreeOfParallelism, frames.Count);
        var next = -1;
        var threads = new Thread[workers];
        Exception? failure = null;
        for (var w = 0; w < workers; w++)
        {
            threads[w] = new Thread(() =>
            {
                try
                {
                    var reconstructor = new MultiViewReconstructor(options);
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < frames.Count && Volatile.Read(ref failure) is null)
                    {
                        results[i] = new Frame3D(frames[i].FrameIndex, reconstructor.Reconstruct(cameras, frames[i].Views));
                    }
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                {
                    Interlocked.CompareExchange(ref failure, ex, null);
                }
            })
            { IsBackground = true };
            threads[w].Start();
        }

        foreach (var t in threads)
        {
            t.Join();
        }

        if (failure is not null)
        {
            throw new AggregateException("frame reconstruction failed", failure);
        }

        return results;
    }
}
