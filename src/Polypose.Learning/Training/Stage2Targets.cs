using Polypose.Learning.Evidence;
using Polypose.Tensors;

namespace Polypose.Learning.Training;

/// <summary>
/// What Stage II's losses compare against, for one batch of S = <see cref="Frames"/>·<see cref="AugmentSlots"/>
/// samples (frame-major: s = f·A + a) of one rig with V views, N person slots and J = 15 Panoptic joints. Person slot n
/// is the frame's n-th pseudo-label person (teacher forcing aligns Stage II's slot n with it, dispose.md 1.2).
/// All label values are the teacher's pseudo-labels, never ground truth.
/// </summary>
public sealed record Stage2Targets
{
    /// <summary>Frames F.</summary>
    public required int Frames { get; init; }

    /// <summary>Augmentation slots A per frame (slot 0 the identity affine).</summary>
    public required int AugmentSlots { get; init; }

    /// <summary>Views V.</summary>
    public required int Views { get; init; }

    /// <summary>Person slots N.</summary>
    public required int Slots { get; init; }

    /// <summary>Joints J (15).</summary>
    public int Joints { get; init; } = ViewEvidence.JointCount;

    /// <summary>Samples S = F·A.</summary>
    public int Samples => Frames * AugmentSlots;

    /// <summary>Curated 2D pseudo-labels <c>[S, V, N, J, 2]</c>, original (distorted) image px; 0 where absent.</summary>
    public required float[] Keypoints2D { get; init; }

    /// <summary>Their scores <c>[S, V, N, J]</c> (0: absent or not visible after the slot's affine; curated per dispose.md 5.1).</summary>
    public required float[] Scores2D { get; init; }

    /// <summary>Pseudo-3D <c>[S, N, J, 3]</c>, world mm (z-up); 0 where absent.</summary>
    public required float[] Pseudo3D { get; init; }

    /// <summary>Their scores <c>[S, N, J]</c> (the teacher's per-joint confidence; 0 where absent).</summary>
    public required float[] Scores3D { get; init; }

    /// <summary>Person id per slot <c>[S, N]</c>: the pseudo-label index n, or −1 (no person, too few 3D joints, or no teacher-forced root).</summary>
    public required int[] PersonIds { get; init; }

    /// <summary>Each sample's and view's map original px → evidence heatmap px <c>[S, V]</c> (the slot's letterbox affine).</summary>
    public required ImageAffine[] ImageToHeatmap { get; init; }

    /// <summary>The evidence heatmap width (px).</summary>
    public required int HeatmapWidth { get; init; }

    /// <summary>The evidence heatmap height (px).</summary>
    public required int HeatmapHeight { get; init; }

    /// <summary>Input px per heatmap px.</summary>
    public required int Stride { get; init; }

    /// <summary>How many (sample, view, slot, joint) entries label curation kept, replaced, zeroed and left (<see cref="Decoder.Losses.CurationDecision"/> order).</summary>
    public int[] CurationCounts { get; init; } = new int[4];

    /// <summary><see cref="Keypoints2D"/> as a tensor <c>[S, V, N, J, 2]</c>.</summary>
    public Tensor Keypoints2DTensor() => Tensor.FromArray(Keypoints2D, Samples, Views, Slots, Joints, 2);

    /// <summary><see cref="Scores2D"/> as a tensor <c>[S, V, N, J]</c>.</summary>
    public Tensor Scores2DTensor() => Tensor.FromArray(Scores2D, Samples, Views, Slots, Joints);

    /// <summary><see cref="Pseudo3D"/> as a tensor <c>[S, N, J, 3]</c>.</summary>
    public Tensor Pseudo3DTensor() => Tensor.FromArray(Pseudo3D, Samples, Slots, Joints, 3);

    /// <summary><see cref="Scores3D"/> as a tensor <c>[S, N, J]</c>.</summary>
    public Tensor Scores3DTensor() => Tensor.FromArray(Scores3D, Samples, Slots, Joints);

    /// <summary>1 where <see cref="PersonIds"/> ≥ 0, else 0, <c>[S, N]</c>.</summary>
    public Tensor PersonValidTensor() => Tensor.FromArray(PersonIds.Select(i => i >= 0 ? 1f : 0f).ToArray(), Samples, Slots);
}
