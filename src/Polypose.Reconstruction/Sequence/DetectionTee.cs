using Polypose.Core.Poses;

namespace Polypose.Reconstruction.Sequence;

/// <summary>
/// Hands a stream of 2D frames to one consumer (the reconstruction) and keeps each frame only until the 3D frame of
/// the same <see cref="MultiViewFrame.FrameIndex"/> comes back from it, so that a later step that needs both (the
/// bone-length refit) gets them paired without holding the sequence: what is held is what the consumer has read ahead.
/// Frame indices must increase along the stream, and the 3D frames must come back in the same order.
/// </summary>
public sealed class DetectionTee(IEnumerable<MultiViewFrame> frames)
{
    private readonly Queue<MultiViewFrame> _held = new();
    private bool _started;

    /// <summary>2D frames read from the source and not yet paired (or passed by).</summary>
    public int Held => _held.Count;

    /// <summary>The source's frames, each kept until <see cref="Pair"/> reaches its index; can be enumerated once.</summary>
    /// <exception cref="InvalidOperationException">Enumerated before.</exception>
    public IEnumerable<MultiViewFrame> Frames()
    {
        if (_started)
        {
            throw new InvalidOperationException("a detection tee can be enumerated once");
        }

        _started = true;
        return Pass();
    }

    /// <summary>
    /// Each 3D frame with the 2D frame of its index (null when the consumer made a frame the source did not give); 2D
    /// frames the consumer skipped are dropped on the way. Lazy.
    /// </summary>
    public IEnumerable<(Frame3D Pose, MultiViewFrame? Detections)> Pair(IEnumerable<Frame3D> poses)
    {
        ArgumentNullException.ThrowIfNull(poses);
        foreach (var pose in poses)
        {
            while (_held.Count > 0 && _held.Peek().FrameIndex < pose.FrameIndex)
            {
                _held.Dequeue();
            }

            yield return (pose, _held.Count > 0 && _held.Peek().FrameIndex == pose.FrameIndex ? _held.Dequeue() : null);
        }
    }

    private IEnumerable<MultiViewFrame> Pass()
    {
        foreach (var frame in frames)
        {
            _held.Enqueue(frame);
            yield return frame;
        }
    }
}
