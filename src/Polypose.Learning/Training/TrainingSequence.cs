using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Learning.Training;

/// <summary>
/// One rig's training frames for Stage I (learning.md 3): the calibration (world-to-camera, mm, z-up), each frame's 2D
/// detections per view (any skeleton, original pixels) and the teacher's pseudo-label people for the same frame — never
/// ground truth. <see cref="Transductive"/> marks pseudo-labels of an evaluation set (Shelf), to be reported as
/// transductive adaptation.
/// </summary>
/// <param name="Name">Where the sequence comes from, e.g. "synthetic ring:6 3p 40f seed 1004" or "shelf".</param>
/// <param name="Cameras">The rig.</param>
/// <param name="Frames">Detections per frame <c>[frames][views][detections]</c>.</param>
/// <param name="PseudoLabels">The teacher's people per frame <c>[frames][people]</c> (same order as <paramref name="Frames"/>).</param>
/// <param name="Transductive">True for pseudo-labels of an evaluation set.</param>
public sealed record TrainingSequence(
    string Name, IReadOnlyList<Camera> Cameras, IReadOnlyList<MultiViewFrame> Frames, IReadOnlyList<Frame3D> PseudoLabels, bool Transductive = false)
{
    /// <summary>Pseudo-labelled people over all frames.</summary>
    public int PeopleCount => PseudoLabels.Sum(f => f.People.Count);
}
