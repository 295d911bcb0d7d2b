using Polypose.Geometry;
using Polypose.Learning.Evidence;
using Polypose.Tensors;

namespace Polypose.Learning.Decoder;

/// <summary>
/// The cameras and evidence affines of a batch as tensors, one entry per (sample, view): world-to-camera rotation
/// <c>[S, V, 3, 3]</c> and translation <c>[S, V, 3]</c> (x_cam = R X + t, mm), camera centre <c>[S, V, 3]</c> (mm),
/// intrinsics <c>[S, V, 5]</c> (fx, fy, cx, cy, skew; px), rational distortion <c>[S, V, 8]</c> (k1..k6, p1, p2),
/// original image size <c>[S, V, 2]</c> (W, H; px), and the letterbox affines original px → network-input px
/// <c>[S, V, 2, 3]</c> and back, for an input of <see cref="InputWidth"/>×<see cref="InputHeight"/>. Augmentation
/// slots are extra samples with their own affines.
/// </summary>
public sealed class DecoderViews
{
    /// <summary>Wraps the tensors (float32, shapes as in the type summary); throws <see cref="ArgumentException"/> on a shape mismatch.</summary>
    public DecoderViews(Tensor rotation, Tensor translation, Tensor intrinsics, Tensor distortion, Tensor imageSize, Tensor toInput, Tensor fromInput, int inputWidth, int inputHeight)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        if (rotation.NDim != 4 || rotation.Size(2) != 3 || rotation.Size(3) != 3)
        {
            throw new ArgumentException($"rotation must be [S, V, 3, 3], got [{string.Join(", ", rotation.Shape)}]", nameof(rotation));
        }

        int s = rotation.Size(0), v = rotation.Size(1);
        Check(translation, [s, v, 3], nameof(translation));
        Check(intrinsics, [s, v, 5], nameof(intrinsics));
        Check(distortion, [s, v, 8], nameof(distortion));
        Check(imageSize, [s, v, 2], nameof(imageSize));
        Check(toInput, [s, v, 2, 3], nameof(toInput));
        Check(fromInput, [s, v, 2, 3], nameof(fromInput));
        ArgumentOutOfRangeException.ThrowIfLessThan(inputWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputHeight, 1);
        Rotation = rotation;
        Translation = translation;
        Intrinsics = intrinsics;
        Distortion = distortion;
        ImageSize = imageSize;
        ToInput = toInput;
        FromInput = fromInput;
        InputWidth = inputWidth;
        InputHeight = inputHeight;

        // C = −Rᵀ t.
        Center = -rotation.Transpose(-2, -1).Matmul(translation.Unsqueeze(-1)).Squeeze(-1);
    }

    /// <summary>S, the samples.</summary>
    public int Samples => Rotation.Size(0);

    /// <summary>V, the views.</summary>
    public int Views => Rotation.Size(1);

    /// <summary>R_w2c <c>[S, V, 3, 3]</c>.</summary>
    public Tensor Rotation { get; }

    /// <summary>t_w2c <c>[S, V, 3]</c> (mm).</summary>
    public Tensor Translation { get; }

    /// <summary>Camera centres C = −Rᵀt <c>[S, V, 3]</c> (world mm).</summary>
    public Tensor Center { get; }

    /// <summary>(fx, fy, cx, cy, skew) <c>[S, V, 5]</c> (px).</summary>
    public Tensor Intrinsics { get; }

    /// <summary>(k1, k2, k3, k4, k5, k6, p1, p2) <c>[S, V, 8]</c>, the OpenCV rational model.</summary>
    public Tensor Distortion { get; }

    /// <summary>(W, H) of the original images <c>[S, V, 2]</c> (px).</summary>
    public Tensor ImageSize { get; }

    /// <summary>Original px → network-input px <c>[S, V, 2, 3]</c>.</summary>
    public Tensor ToInput { get; }

    /// <summary>Network-input px → original px <c>[S, V, 2, 3]</c>.</summary>
    public Tensor FromInput { get; }

    /// <summary>W_in, the network input width (px).</summary>
    public int InputWidth { get; }

    /// <summary>H_in, the network input height (px).</summary>
    public int InputHeight { get; }

    /// <summary>
    /// The views of <paramref name="samples"/> samples of one rig: <paramref name="cameras"/> <c>[V]</c> and each
    /// sample-view's evidence affine <paramref name="affines"/> <c>[S·V]</c> (original px ↔ heatmap px of
    /// <paramref name="grid"/>).
    /// </summary>
    public static DecoderViews From(IReadOnlyList<Camera> cameras, IReadOnlyList<ViewAffine> affines, EvidenceGrid grid, int samples)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        ArgumentNullException.ThrowIfNull(affines);
        ArgumentNullException.ThrowIfNull(grid);
        int v = cameras.Count, stride = grid.Stride;
        if (v == 0 || affines.Count != samples * v)
        {
            throw new ArgumentException($"expected {samples * v} affines (samples·views), got {affines.Count}", nameof(affines));
        }

        int sv = samples * v;
        float[] rot = new float[sv * 9], tr = new float[sv * 3], k = new float[sv * 5], dist = new float[sv * 8], size = new float[sv * 2], to = new float[sv * 6], from = new float[sv * 6];
        for (var i = 0; i < sv; i++)
        {
            var c = cameras[i % v];
            var r = c.Rotation.ToRowMajor();
            for (var e = 0; e < 9; e++)
            {
                rot[(9 * i) + e] = (float)r[e];
            }

            (tr[3 * i], tr[(3 * i) + 1], tr[(3 * i) + 2]) = ((float)c.Translation.X, (float)c.Translation.Y, (float)c.Translation.Z);
            var n = c.Intrinsics;
            double[] kk = [n.Fx, n.Fy, n.Cx, n.Cy, n.Skew];
            var d = c.Distortion;
            double[] dd = [d.K1, d.K2, d.K3, d.K4, d.K5, d.K6, d.P1, d.P2];
            for (var e = 0; e < 5; e++)
            {
                k[(5 * i) + e] = (float)kk[e];
            }

            for (var e = 0; e < 8; e++)
            {
                dist[(8 * i) + e] = (float)dd[e];
            }

            var a = affines[i];
            (size[2 * i], size[(2 * i) + 1]) = (a.ImageWidth, a.ImageHeight);
            var f = a.ImageToHeatmap.ThenScale(stride);
            var b = a.HeatmapToImage;
            double[] ff = [f.A00, f.A01, f.A02, f.A10, f.A11, f.A12];
            double[] bb = [b.A00 / stride, b.A01 / stride, b.A02, b.A10 / stride, b.A11 / stride, b.A12];
            for (var e = 0; e < 6; e++)
            {
                to[(6 * i) + e] = (float)ff[e];
                from[(6 * i) + e] = (float)bb[e];
            }
        }

        return new DecoderViews(
            Tensor.FromArray(rot, samples, v, 3, 3), Tensor.FromArray(tr, samples, v, 3), Tensor.FromArray(k, samples, v, 5),
            Tensor.FromArray(dist, samples, v, 8), Tensor.FromArray(size, samples, v, 2), Tensor.FromArray(to, samples, v, 2, 3),
            Tensor.FromArray(from, samples, v, 2, 3), grid.InputWidth, grid.InputHeight);
    }

    private static void Check(Tensor t, int[] shape, string name)
    {
        ArgumentNullException.ThrowIfNull(t, name);
        if (!t.Shape.SequenceEqual(shape))
        {
            throw new ArgumentException($"{name} must be [{string.Join(", ", shape)}], got [{string.Join(", ", t.Shape)}]", name);
        }
    }
}
