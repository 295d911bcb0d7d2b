using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Reconstruction;

/// <summary>Frame-parallel drivers: one reconstructor per worker, results in frame order.</summary>
public sealed partial class MultiViewReconstructor
{
    /// <summary>
    /// Reconstructs every frame of 2D detections with at most <paramref name="degreeOfParallelism"/> workers (1 =
    /// sequential on the calling thread), each worker owning its own <see cref="MultiViewReconstructor"/>. Result i
    /// belongs to <paramref name="frames"/>[i]; frames are independent, so the output is identical for any degree of
    /// parallelism. A failure in any frame surfaces as an <see cref="AggregateException"/> (sequential: the exception itself).
    /// </summary>
    public static IReadOnlyList<Frame3D> ReconstructAll(
        IReadOnlyList<Camera> cameras, IReadOnlyList<MultiViewFrame> frames, int degreeOfParallelism, ReconstructionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(frames);
        return Run(frames.Count, degreeOfParallelism, () => new MultiViewReconstructor(options), (r, i) => r.ReconstructFrame(frames[i].FrameIndex, cameras, frames[i].Views));
    }

    /// <summary>
    /// Reconstructs every frame of 2D detections like
    /// <see cref="ReconstructAll(IReadOnlyList{Camera}, IReadOnlyList{MultiViewFrame}, int, ReconstructionOptions?)"/>, but
    /// with workers made by <paramref name="createWorker"/> (called once per worker task, on its thread), so custom
    /// association and body steps run frame-parallel too. The output is identical for any degree of parallelism when
    /// the steps are deterministic per frame.
    /// </summary>
    public static IReadOnlyList<Frame3D> ReconstructAll(
        IReadOnlyList<Camera> cameras, IReadOnlyList<MultiViewFrame> frames, int degreeOfParallelism, Func<MultiViewReconstructor> createWorker)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(createWorker);
        return Run(frames.Count, degreeOfParallelism, createWorker, (r, i) => r.ReconstructFrame(frames[i].FrameIndex, cameras, frames[i].Views));
    }

    /// <summary>
    /// Reconstructs every frame of part-affinity evidence (<paramref name="frames"/>[i][v] = view v of frame i; its frame
    /// number is <paramref name="frameIndices"/>[i], or i when that is null) like <see cref="ReconstructAll(IReadOnlyList{Camera}, IReadOnlyList{MultiViewFrame}, int, ReconstructionOptions?)"/>,
    /// through the PAF overload of <see cref="Reconstruct(IReadOnlyList{Camera}, IReadOnlyList{PafFrame})"/> (person
    /// parsing and joint completion included).
    /// </summary>
    public static IReadOnlyList<Frame3D> ReconstructAll(
        IReadOnlyList<Camera> cameras,
        IReadOnlyList<IReadOnlyList<PafFrame>> frames,
        int degreeOfParallelism,
        ReconstructionOptions? options = null,
        IReadOnlyList<int>? frameIndices = null)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(frames);
        if (frameIndices is not null && frameIndices.Count != frames.Count)
        {
            throw new ArgumentException($"{frameIndices.Count} frame numbers for {frames.Count} frames", nameof(frameIndices));
        }

        return Run(frames.Count, degreeOfParallelism, () => new MultiViewReconstructor(options), (r, i) => r.ReconstructFrame(frameIndices?[i] ?? i, cameras, frames[i]));
    }

    /// <summary>
    /// Reconstructs every frame of part-affinity evidence like
    /// <see cref="ReconstructAll(IReadOnlyList{Camera}, IReadOnlyList{IReadOnlyList{PafFrame}}, int, ReconstructionOptions?, IReadOnlyList{int}?)"/>,
    /// but with workers made by <paramref name="createWorker"/> (custom association or body steps).
    /// </summary>
    public static IReadOnlyList<Frame3D> ReconstructAll(
        IReadOnlyList<Camera> cameras,
        IReadOnlyList<IReadOnlyList<PafFrame>> frames,
        int degreeOfParallelism,
        Func<MultiViewReconstructor> createWorker,
        IReadOnlyList<int>? frameIndices = null)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(createWorker);
        if (frameIndices is not null && frameIndices.Count != frames.Count)
        {
            throw new ArgumentException($"{frameIndices.Count} frame numbers for {frames.Count} frames", nameof(frameIndices));
        }

        return Run(frames.Count, degreeOfParallelism, createWorker, (r, i) => r.ReconstructFrame(frameIndices?[i] ?? i, cameras, frames[i]));
    }

    /// <summary>
    /// Reconstructs one frame of 2D persons as a <see cref="Frame3D"/> numbered <paramref name="frameIndex"/>, with the
    /// association's optimality gap when its selection was not proven optimal (see <see cref="Frame3D.OptimalityGap"/>).
    /// </summary>
    public Frame3D ReconstructFrame(int frameIndex, IReadOnlyList<Camera> cameras, IReadOnlyList<IReadOnlyList<Person2D>> views) =>
        new(frameIndex, Reconstruct(cameras, views)) { OptimalityGap = UnprovenGap() };

    /// <summary>As <see cref="ReconstructFrame(int, IReadOnlyList{Camera}, IReadOnlyList{IReadOnlyList{Person2D}})"/>, for part-affinity evidence.</summary>
    public Frame3D ReconstructFrame(int frameIndex, IReadOnlyList<Camera> cameras, IReadOnlyList<PafFrame> views) =>
        new(frameIndex, Reconstruct(cameras, views)) { OptimalityGap = UnprovenGap() };

    private double? UnprovenGap() => LastAssociation is { IsOptimal: false } last ? last.OptimalityGap : null;

    private static Frame3D[] Run(int count, int degreeOfParallelism, Func<MultiViewReconstructor> createWorker, Func<MultiViewReconstructor, int, Frame3D> work)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreeOfParallelism, 1);
        var results = new Frame3D[count];
        if (degreeOfParallelism == 1 || count < 2)
        {
            var single = createWorker();
            for (var i = 0; i < count; i++)
            {
                results[i] = work(single, i);
            }

            return results;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism };
        Parallel.For(
            0,
            count,
            parallel,
            createWorker,
            (i, _, reconstructor) =>
            {
                results[i] = work(reconstructor, i);
                return reconstructor;
            },
            _ => { });
        return results;
    }
}
