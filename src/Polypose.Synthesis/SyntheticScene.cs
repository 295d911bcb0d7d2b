using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Geometry;
using Polypose.Synthesis.Bodies;
using Polypose.Synthesis.Motion;

namespace Polypose.Synthesis;

/// <summary>
/// A generated scene: cameras (world-to-camera, mm, world z-up), BODY25 ground truth per frame (mm), and per frame and
/// view the BODY25 person detections (pixels in the distorted image) with the ground-truth person each came from.
/// </summary>
public sealed class SyntheticScene
{
    internal SyntheticScene(
        SceneOptions options,
        IReadOnlyList<Camera> cameras,
        IReadOnlyList<BodyShape> bodies,
        IReadOnlyList<Frame3D> groundTruth,
        IReadOnlyList<MultiViewFrame> detections,
        IReadOnlyList<IReadOnlyList<int[]>> sources,
        IReadOnlyList<PersonActivity[]> activities)
    {
        Options = options;
        Cameras = cameras;
        Bodies = bodies;
        GroundTruth = groundTruth;
        Detections = detections;
        DetectionSources = sources;
        Activities = activities;
    }

    /// <summary>The options the scene was generated from.</summary>
    public SceneOptions Options { get; }

    /// <summary>The cameras in view order.</summary>
    public IReadOnlyList<Camera> Cameras { get; }

    /// <summary>Body shape of each person (index = person id).</summary>
    public IReadOnlyList<BodyShape> Bodies { get; }

    /// <summary>
    /// Ground truth per frame: one BODY25 <see cref="Person3D"/> per person (Id = person index, joints mm, confidence 1,
    /// DetectionPerView = index of that person's detection in each view or −1).
    /// </summary>
    public IReadOnlyList<Frame3D> GroundTruth { get; }

    /// <summary>Detections per frame; <c>Detections[f].Views[v]</c> lists the BODY25 persons detected in camera v.</summary>
    public IReadOnlyList<MultiViewFrame> Detections { get; }

    /// <summary><c>DetectionSources[f][v][d]</c>: the person id that detection d came from, or −1 for a false positive.</summary>
    public IReadOnlyList<IReadOnlyList<int[]>> DetectionSources { get; }

    /// <summary><c>Activities[f][p]</c>: what person p is doing in frame f.</summary>
    public IReadOnlyList<PersonActivity[]> Activities { get; }

    /// <summary>The ground truth mapped by joint name to another skeleton (e.g. <see cref="KnownSkeletons.Panoptic15"/>).</summary>
    /// <exception cref="ArgumentException">The target has a joint that BODY25 lacks.</exception>
    public IReadOnlyList<Frame3D> GroundTruthAs(Skeleton target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var map = new int[target.JointCount];
        for (var j = 0; j < map.Length; j++)
        {
            map[j] = KnownSkeletons.Body25.IndexOf(target.JointNames[j]);
            if (map[j] < 0)
            {
                throw new ArgumentException($"skeleton '{target.Name}' joint '{target.JointNames[j]}' has no BODY25 counterpart", nameof(target));
            }
        }

        return [.. GroundTruth.Select(f => new Frame3D(f.FrameIndex, [.. f.People.Select(p => new Person3D(
            p.Id,
            target,
            [.. map.Select(m => p.Joints[m])],
            [.. map.Select(m => p.Confidence[m])],
            p.DetectionPerView))]))];
    }
}
