using Polypose.Detection.Images;

namespace Polypose.Detection.Sources;

/// <summary>
/// Synchronised frames of several cameras, read one instant at a time (videos through ffmpeg, or image folders): after
/// each <see cref="ReadNext"/>, <see cref="Image"/>(c) is camera c's picture of frame <see cref="FrameNumber"/>, RGB24 in
/// original pixels. Implementations keep one buffer per camera, so memory does not grow with the number of frames;
/// an image is valid until the next read.
/// </summary>
public interface IMultiCameraFrameSource : IDisposable
{
    /// <summary>Gets the camera names, in order.</summary>
    IReadOnlyList<string> Cameras { get; }

    /// <summary>Gets the number of instants <see cref="ReadNext"/> will deliver.</summary>
    int FrameCount { get; }

    /// <summary>Gets the frame rate in frames per second, when the source has one (videos).</summary>
    double? FrameRate { get; }

    /// <summary>Gets the frame number of the current instant (0-based index for videos, the number in the file names for images); −1 before the first read.</summary>
    int FrameNumber { get; }

    /// <summary>Gets, per camera, the frame number in that camera's own file of the current instant (its sync offset added); −1 where it has none.</summary>
    /// <param name="camera">Camera index.</param>
    int SourceFrameNumber(int camera);

    /// <summary>Moves to the next instant; false after the last.</summary>
    bool ReadNext();

    /// <summary>The current picture of a camera, or null when that camera has no picture of this instant (image folders with gaps).</summary>
    /// <param name="camera">Camera index.</param>
    RgbImage? Image(int camera);
}
