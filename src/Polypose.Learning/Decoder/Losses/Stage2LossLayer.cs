using Polypose.Tensors;

namespace Polypose.Learning.Decoder.Losses;

/// <summary>
/// What Stage II's losses read from one decoder layer (dispose.md 4.2 step 10), for S samples, V views, N person slots
/// and J joints.
/// </summary>
/// <param name="Refined3D">Refined 3D joints <c>[S, N, J, 3]</c>, world mm (z-up).</param>
/// <param name="Reprojection">Their reprojection into every view <c>[S, V, N, J, 2]</c>, original (distorted) image px.</param>
/// <param name="Residual">Triangulation residual (smallest singular value) <c>[S, N, J]</c>; 0 where not triangulated.</param>
/// <param name="Triangulated">1 where the joint was triangulated (≥ 2 valid views, active slot), else 0, <c>[S, N, J]</c>.</param>
public sealed record Stage2LossLayer(Tensor Refined3D, Tensor Reprojection, Tensor Residual, Tensor Triangulated);
