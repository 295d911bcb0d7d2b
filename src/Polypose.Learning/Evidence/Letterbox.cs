using Polypose.Geometry;

namespace Polypose.Learning.Evidence;

/// <summary>
/// The mmpose-style centre/scale letterbox of DisPOSE 0.4: an original image (W×H pixels) is fitted, aspect preserved,
/// into a network input (W_in×H_in), padded on the short side, optionally rotated by <c>rot</c> degrees about the
/// image centre. The box is described by its centre (W/2, H/2) and its scale (w_pad/200, h_pad/200).
/// </summary>
public static class Letterbox
{
    /// <summary>The scale (w_pad/200, h_pad/200) of the letterbox of a W×H image into a W_in×H_in input.</summary>
    public static Vec2 Scale(int imageWidth, int imageHeight, int inputWidth, int inputHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(imageWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputHeight, 1);
        double w = imageWidth, h = imageHeight, wi = inputWidth, hi = inputHeight;
        return w / wi < h / hi
            ? new Vec2(h * wi / hi / 200.0, h / 200.0)
            : new Vec2(w / 200.0, w * hi / wi / 200.0);
    }

    /// <summary>
    /// The forward affine (original pixels → output pixels of an <paramref name="outputWidth"/>×<paramref name="outputHeight"/>
    /// image): the three-point construction of DisPOSE 0.4. Source points are the centre, the centre plus
    /// (0, −0.5·scale.x·200) rotated by <paramref name="rotationDegrees"/>, and a third point perpendicular to these;
    /// destination points are the same construction around the output centre, unrotated, with length 0.5·W_out.
    /// </summary>
    public static ImageAffine Forward(Vec2 center, Vec2 scale, double rotationDegrees, int outputWidth, int outputHeight)
    {
        var srcW = scale.X * 200.0;
        var rad = rotationDegrees * Math.PI / 180.0;
        var srcDir = Rotate(new Vec2(0, srcW * -0.5), rad);
        var dstDir = new Vec2(0, outputWidth * -0.5);
        var dstCenter = new Vec2(outputWidth * 0.5, outputHeight * 0.5);
        Span<Vec2> src = [center, center + srcDir, default];
        Span<Vec2> dst = [dstCenter, dstCenter + dstDir, default];
        src[2] = Third(src[0], src[1]);
        dst[2] = Third(dst[0], dst[1]);
        return ImageAffine.FromPoints(src, dst);
    }

    /// <summary>
    /// The inverse affine (output pixels → original pixels) built directly as in DisPOSE 0.4: subtract half the output
    /// size, multiply per axis by (scale·200)/output size, rotate by +rot, add the centre.
    /// </summary>
    public static ImageAffine Inverse(Vec2 center, Vec2 scale, double rotationDegrees, int outputWidth, int outputHeight)
    {
        double sx = scale.X * 200.0 / outputWidth, sy = scale.Y * 200.0 / outputHeight;
        var rad = rotationDegrees * Math.PI / 180.0;
        double c = Math.Cos(rad), s = Math.Sin(rad);

        // p = R · diag(sx, sy) · (q − out/2) + center, with R = [[c, −s], [s, c]].
        double hx = outputWidth * 0.5, hy = outputHeight * 0.5;
        double a00 = c * sx, a01 = -s * sy, a10 = s * sx, a11 = c * sy;
        return new ImageAffine(a00, a01, center.X - ((a00 * hx) + (a01 * hy)), a10, a11, center.Y - ((a10 * hx) + (a11 * hy)));
    }

    private static Vec2 Rotate(Vec2 p, double rad)
    {
        double c = Math.Cos(rad), s = Math.Sin(rad);
        return new Vec2((p.X * c) - (p.Y * s), (p.X * s) + (p.Y * c));
    }

    private static Vec2 Third(Vec2 a, Vec2 b)
    {
        var d = a - b;
        return b + new Vec2(-d.Y, d.X);
    }
}
