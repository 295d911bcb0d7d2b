using Polypose.Core.Options;
using Polypose.Geometry;

namespace Polypose.Learning.Decoder.Losses;

/// <summary>
/// Label curation before Stage II's 2D losses (dispose.md 5.1, <c>process_pseudo_2d</c>). Per (view, person, joint):
/// valid2D ⇔ 2D score ≥ <see cref="ScoreThreshold"/>; valid3D ⇔ pseudo-3D score ≥ <see cref="ScoreThreshold"/>;
/// usable ⇔ valid3D ∧ the 3D reprojection is in front of the camera and inside [0, W) × [0, H) (<see cref="Bounds"/>).
/// Keep the detection if valid2D ∧ usable ∧ error² ≤ <see cref="MaxSquaredError"/>; otherwise replace it with the
/// reprojection and the 3D score if usable; zero it if valid2D ∧ valid3D ∧ out of bounds ∧ error² &gt;
/// <see cref="MaxSquaredError"/>; otherwise leave it. Pixels are original (distorted) image pixels, 3D in world mm.
/// </summary>
public sealed record PseudoLabelCuration
{
    /// <summary>The score threshold of valid2D and valid3D (reference 0.3).</summary>
    public double ScoreThreshold { get; init => field = OptionCheck.InRange(value, 0.0, 1.0, nameof(ScoreThreshold)); } = 0.3;

    /// <summary>The largest squared distance (px²) between detection and reprojection that keeps the detection (reference 256 = 16²).</summary>
    public double MaxSquaredError { get; init => field = OptionCheck.NonNegative(value, nameof(MaxSquaredError)); } = 256;

    /// <summary>Which image bounds the in-bounds test uses.</summary>
    public CurationBounds Bounds { get; init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Bounds)); } = CurationBounds.ImageSize;

    /// <summary>The (W, H) of the in-bounds test for <paramref name="camera"/> seen through a network input <paramref name="inputWidth"/> px wide.</summary>
    public (int Width, int Height) BoundsOf(Camera camera, int inputWidth)
    {
        ArgumentNullException.ThrowIfNull(camera);
        return Bounds == CurationBounds.ImageSize ? (camera.Width, camera.Height)
            : inputWidth == 768 ? (2048, 1536)
            : (1920, 1080);
    }

    /// <summary>
    /// The decision for one joint: the detection <paramref name="detected"/> with score <paramref name="score2D"/>, and the
    /// pseudo-3D point <paramref name="point"/> (world mm) with score <paramref name="score3D"/>, seen by
    /// <paramref name="camera"/> with in-bounds box <paramref name="width"/>×<paramref name="height"/>.
    /// <paramref name="reprojection"/> is the 3D point's pixel (zero when it does not project).
    /// </summary>
    public CurationDecision Decide(Camera camera, int width, int height, Vec2 detected, double score2D, Vec3 point, double score3D, out Vec2 reprojection)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var valid2D = score2D >= ScoreThreshold;
        var valid3D = score3D >= ScoreThreshold;
        var p = camera.Project(point);
        reprojection = p.InFront ? p.Pixel : Vec2.Zero;
        var inBounds = p.InFront && p.Pixel.X >= 0 && p.Pixel.Y >= 0 && p.Pixel.X < width && p.Pixel.Y < height;
        var usable = valid3D && inBounds;

        // A point that does not project has no finite error: it counts as disagreeing.
        var d = detected - p.Pixel;
        var error2 = p.InFront ? (d.X * d.X) + (d.Y * d.Y) : double.PositiveInfinity;
        var agrees = error2 <= MaxSquaredError;
        return valid2D && usable && agrees ? CurationDecision.Keep
            : usable ? CurationDecision.Replace
            : valid2D && valid3D && !inBounds && !agrees ? CurationDecision.Zero
            : CurationDecision.Leave;
    }

    /// <summary>
    /// Curates one view in place: <paramref name="xy"/> <c>[people, joints, 2]</c> (original px) and
    /// <paramref name="score"/> <c>[people, joints]</c> from the pseudo-3D <paramref name="points"/> <c>[people, joints, 3]</c>
    /// (world mm) and <paramref name="score3D"/> <c>[people, joints]</c>. Returns how many joints took each decision
    /// (indexed by <see cref="CurationDecision"/>).
    /// </summary>
    public int[] CurateView(Camera camera, int inputWidth, Span<float> xy, Span<float> score, ReadOnlySpan<float> points, ReadOnlySpan<float> score3D)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var count = score.Length;
        if (xy.Length != 2 * count || points.Length != 3 * count || score3D.Length != count)
        {
            throw new ArgumentException($"expected {2 * count} 2D values, {3 * count} 3D values and {count} 3D scores; got {xy.Length}, {points.Length}, {score3D.Length}");
        }

        var (w, h) = BoundsOf(camera, inputWidth);
        var counts = new int[4];
        for (var i = 0; i < count; i++)
        {
            var decision = Decide(
                camera, w, h, new Vec2(xy[2 * i], xy[(2 * i) + 1]), score[i], new Vec3(points[3 * i], points[(3 * i) + 1], points[(3 * i) + 2]), score3D[i], out var r);
            counts[(int)decision]++;
            switch (decision)
            {
                case CurationDecision.Replace:
                    xy[2 * i] = (float)r.X;
                    xy[(2 * i) + 1] = (float)r.Y;
                    score[i] = score3D[i];
                    break;
                case CurationDecision.Zero:
                    xy[2 * i] = 0;
                    xy[(2 * i) + 1] = 0;
                    score[i] = 0;
                    break;
                default:
                    break;
            }
        }

        return counts;
    }
}
