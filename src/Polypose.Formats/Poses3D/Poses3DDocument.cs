using Polypose.Core.Poses;
using Polypose.Core.Skeletons;

namespace Polypose.Formats.Poses3D;

/// <summary>
/// The content of a Polypose 3D pose file (<see cref="Poses3DJson"/>): the skeleton, the camera names that
/// <see cref="Person3D.DetectionPerView"/> indexes, and the frames (world millimetres, z-up).
/// </summary>
public sealed record Poses3DDocument(Skeleton Skeleton, IReadOnlyList<string> CameraNames, IReadOnlyList<Frame3D> Frames)
{
    /// <summary>Frames per second (the optional "fps" field), or null when the file does not say.</summary>
    public double? FrameRate { get; init; }
}
