using Polypose.Core.Poses;
using Polypose.Tracking.Filters;
using Polypose.Tracking.Tracking;

namespace Polypose.Tracking.Sequences;

/// <summary>
/// What runs after reconstruction: tracking (stable ids) and then a filter chain, as <c>polypose reconstruct</c>,
/// <c>track</c> and <c>filter</c> do it.
/// </summary>
/// <param name="Track">Replace per-frame ids by track ids (<see cref="PoseTracker"/>).</param>
/// <param name="Tracker">Tracker settings (its frame rate is replaced by <paramref name="FrameRate"/>).</param>
/// <param name="Filters">Filter chain applied after tracking, in order (empty = none).</param>
/// <param name="FrameRate">Frames per second of the sequence.</param>
public sealed record PostProcessing(bool Track, TrackerOptions Tracker, IReadOnlyList<IJointFilter> Filters, double FrameRate)
{
    /// <summary>Runs the steps on <paramref name="frames"/>; <paramref name="progress"/> receives 0..1 while filtering.</summary>
    /// <exception cref="ArgumentException">Filters on people whose ids are not unique per frame, or a setting the frame rate makes invalid (a cut-off at or above half the frame rate).</exception>
    public IReadOnlyList<Frame3D> Run(IReadOnlyList<Frame3D> frames, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (Track)
        {
            frames = PoseTracker.Track(frames, Tracker with { FrameRate = FrameRate });
        }

        return Filters.Count == 0 ? frames : SequenceFilter.Apply(frames, Filters, FrameRate, progress);
    }

    /// <summary>
    /// Runs the steps on a stream of frames, giving the same frames as <see cref="Run"/>. Without filters it streams:
    /// tracking is online (<see cref="PoseTracker.TrackStream"/>) and each frame comes out as soon as it went in, so
    /// memory stays flat however long the sequence. The filters need whole trajectories (zero-phase Butterworth, RTS
    /// smoothing, gap filling look ahead), so with filters the whole sequence is held before the first frame comes out.
    /// </summary>
    public IEnumerable<Frame3D> RunStream(IEnumerable<Frame3D> frames, IProgress<double>? filterProgress = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (Filters.Count > 0)
        {
            return Run([.. frames], filterProgress);
        }

        return Track ? PoseTracker.TrackStream(frames, Tracker with { FrameRate = FrameRate }) : frames;
    }
}
