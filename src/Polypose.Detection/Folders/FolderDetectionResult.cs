namespace Polypose.Detection.Folders;

/// <summary>What <see cref="FolderDetector"/> did: people written and input long side (px) per camera, and the mean
/// wall-clock seconds per image (reading, detection, refinement and writing).</summary>
/// <param name="PeoplePerCamera">People written per camera (summed over frames).</param>
/// <param name="LongSidePerCamera">Network input long side per camera (px).</param>
/// <param name="SecondsPerImage">Mean wall-clock seconds per image.</param>
public sealed record FolderDetectionResult(int[] PeoplePerCamera, int[] LongSidePerCamera, double SecondsPerImage);
