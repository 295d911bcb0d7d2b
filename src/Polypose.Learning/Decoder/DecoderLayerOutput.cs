using Polypose.Tensors;

namespace Polypose.Learning.Decoder;

/// <summary>
/// One decoder layer's outputs (dispose.md 4.2 step 10), for deep supervision: refined 3D <see cref="Poses"/>
/// <c>[S, N, 15, 3]</c> (world mm, z-up; joints not triangulated keep the layer's input position); its reprojection
/// <see cref="Reprojected"/> into every view <c>[S, V, N, 15, 2]</c> (original px); the refined per-view 2D
/// <see cref="Refined2D"/> <c>[S, V, N, 15, 2]</c> (original px); the triangulation <see cref="Residuals"/>
/// <c>[S, N, 15]</c> (smallest singular value, 0 where not triangulated); <see cref="Triangulated"/> <c>[S, N, 15]</c>
/// (bool: slot valid and ≥ 2 valid views); <see cref="ViewValid"/> <c>[S, V, N, 15]</c> (bool: the layer's input pose
/// projects inside the image, in front of the camera, in a valid slot); <see cref="ViewWeights"/>
/// <c>[S, V, N, 15]</c> (the triangulation weights, softmax over valid views).
/// </summary>
/// <param name="Poses">Refined 3D joints.</param>
/// <param name="Reprojected">Reprojection of <paramref name="Poses"/>.</param>
/// <param name="Refined2D">Refined 2D joints per view.</param>
/// <param name="Residuals">Triangulation residuals.</param>
/// <param name="Triangulated">Which joints were triangulated.</param>
/// <param name="ViewValid">Which (view, joint) pairs were valid.</param>
/// <param name="ViewWeights">Triangulation weights.</param>
public sealed record DecoderLayerOutput(Tensor Poses, Tensor Reprojected, Tensor Refined2D, Tensor Residuals, Tensor Triangulated, Tensor ViewValid, Tensor ViewWeights);
