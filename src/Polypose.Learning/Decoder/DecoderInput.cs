using Polypose.Tensors;

namespace Polypose.Learning.Decoder;

/// <summary>
/// What the decoder reads for S samples of V views: the evidence encoder's three feature levels
/// <c>[S·V, C, H_l, W_l]</c> (sample-major), the Stage I (or teacher-forced) roots <c>[S, N, 3]</c> (world mm), the
/// slot mask <c>[S, N]</c> (bool: root score &gt; 0) and the views.
/// </summary>
/// <param name="Levels">Feature levels per sample-view.</param>
/// <param name="Roots">Root per slot, world mm (ignored where the mask is false).</param>
/// <param name="SlotMask">Which slots hold a person.</param>
/// <param name="Views">Cameras and affines.</param>
public sealed record DecoderInput(IReadOnlyList<Tensor> Levels, Tensor Roots, Tensor SlotMask, DecoderViews Views);
