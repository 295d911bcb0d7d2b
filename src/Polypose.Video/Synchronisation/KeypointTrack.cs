using Polypose.Core.Poses;

namespace Polypose.Video.Synchronisation;

/// <summary>
/// One camera's 2D keypoints of the person used for synchronisation, frame by frame: <c>[frames, joints]</c> of
/// (x, y) in pixels with a score; a joint with score 0 or a non-finite coordinate is missing. The joint order must be
/// the same in every camera (one detector, one skeleton).
/// </summary>
public sealed class KeypointTrack
{
    private readonly Keypoint2D[] points;

    /// <summary>Creates an empty track (every joint missing) of <paramref name="frames"/> × <paramref name="joints"/>.</summary>
    public KeypointTrack(int frames, int joints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(joints);
        Frames = frames;
        Joints = joints;
        points = new Keypoint2D[frames * joints];
    }

    /// <summary>Number of frames.</summary>
    public int Frames { get; }

    /// <summary>Joints per frame.</summary>
    public int Joints { get; }

    /// <summary>The keypoint of <paramref name="joint"/> at <paramref name="frame"/>.</summary>
    public Keypoint2D this[int frame, int joint]
    {
        get => points[Index(frame, joint)];
        set => points[Index(frame, joint)] = value;
    }

    /// <summary>Builds a track from one person per frame (null for a frame where the person was not detected).</summary>
    public static KeypointTrack FromPeople(IReadOnlyList<Person2D?> perFrame, int joints)
    {
        ArgumentNullException.ThrowIfNull(perFrame);
        var track = new KeypointTrack(perFrame.Count, joints);
        for (var f = 0; f < perFrame.Count; f++)
        {
            if (perFrame[f] is not { } person)
            {
                continue;
            }

            if (person.Joints.Length != joints)
            {
                throw new ArgumentException($"frame {f}: person has {person.Joints.Length} joints, expected {joints}", nameof(perFrame));
            }

            person.Joints.CopyTo(track.points, f * joints);
        }

        return track;
    }

    /// <summary>A copy whose frame i is this track's frame i + <paramref name="shift"/> (frames shifted out are dropped, those shifted in are missing).</summary>
    public KeypointTrack Shifted(int shift)
    {
        var copy = new KeypointTrack(Frames, Joints);
        for (var f = 0; f < Frames; f++)
        {
            var src = f + shift;
            if (src >= 0 && src < Frames)
            {
                Array.Copy(points, src * Joints, copy.points, f * Joints, Joints);
            }
        }

        return copy;
    }

    private int Index(int frame, int joint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, Frames);
        ArgumentOutOfRangeException.ThrowIfNegative(joint);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(joint, Joints);
        return (frame * Joints) + joint;
    }
}
