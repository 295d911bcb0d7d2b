using Polypose.Learning.Evidence;
using Polypose.Learning.Training;
using Polypose.Tensors;

namespace Polypose.Learning.Decoder.Losses;

/// <summary>
/// Stage II's loss (dispose.md 5.2): for each of the <see cref="Stage2LossWeights.Stages"/> decoder layers (deep
/// supervision, same λ for every layer), λ₁·<see cref="ReprojectionL1Loss"/> + λ₂·<see cref="GaussianHeatmapLoss"/> +
/// λ₃·<see cref="AnchorL1Loss"/> + λ₄·<see cref="CrossAugmentationL1Loss"/> + λ₅·<see cref="TriangulationResidualLoss"/>,
/// summed. The 2D terms compare each layer's reprojections with the curated 2D pseudo-labels of
/// <see cref="Stage2Targets"/>, restricted to person slots with id ≥ 0; the Gaussian term maps both to the canvas with
/// each sample's and view's affine (<see cref="Stage2LossWeights.Canvas"/>).
/// </summary>
public sealed class Stage2Loss
{
    /// <summary>The reference canvas width (heatmap px; 960 input px at stride 4).</summary>
    public const int ReferenceCanvasWidth = 240;

    /// <summary>The reference canvas height (heatmap px; 512 input px at stride 4).</summary>
    public const int ReferenceCanvasHeight = 128;

    /// <summary>The reference canvas stride (input px per canvas px, hard-coded 4).</summary>
    public const int ReferenceCanvasStride = 4;

    private readonly Tensor _target2D;
    private readonly Tensor _weight2D;
    private readonly Tensor _pseudo3D;
    private readonly Tensor _weight3D;
    private readonly Tensor _canvasTarget;
    private readonly Tensor _canvasWeight;
    private readonly Tensor[] _affine;
    private readonly int[] _ids;

    /// <summary>Prepares the loss of <paramref name="targets"/> with <paramref name="weights"/> (the constant parts are computed once).</summary>
    public Stage2Loss(Stage2Targets targets, Stage2LossWeights weights)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(weights);
        Targets = targets;
        Weights = weights;
        var valid = targets.PersonValidTensor();
        _target2D = targets.Keypoints2DTensor();
        _weight2D = LabelWeights.Of(targets.Scores2DTensor(), valid);
        _pseudo3D = targets.Pseudo3DTensor();
        _weight3D = LabelWeights.Of(targets.Scores3DTensor(), valid);
        _ids = targets.PersonIds;
        int s = targets.Samples, v = targets.Views;
        var scale = weights.Canvas == HeatmapCanvas.Dataset ? 1.0 : targets.Stride / (double)ReferenceCanvasStride;
        (CanvasWidth, CanvasHeight) = weights.Canvas == HeatmapCanvas.Dataset
            ? (targets.HeatmapWidth, targets.HeatmapHeight)
            : (ReferenceCanvasWidth, ReferenceCanvasHeight);
        var coefficients = new float[6][];
        for (var c = 0; c < 6; c++)
        {
            coefficients[c] = new float[s * v];
        }

        var affines = new ImageAffine[s * v];
        for (var i = 0; i < s * v; i++)
        {
            var a = targets.ImageToHeatmap[i].ThenScale(scale);
            affines[i] = a;
            coefficients[0][i] = (float)a.A00;
            coefficients[1][i] = (float)a.A01;
            coefficients[2][i] = (float)a.A02;
            coefficients[3][i] = (float)a.A10;
            coefficients[4][i] = (float)a.A11;
            coefficients[5][i] = (float)a.A12;
        }

        _affine = [.. coefficients.Select(c => Tensor.FromArray(c, s, v, 1, 1))];

        // The targets' canvas positions are constants: map them once, in double.
        var perView = targets.Slots * targets.Joints;
        var canvas = new float[targets.Keypoints2D.Length];
        for (var k = 0; k < canvas.Length / 2; k++)
        {
            var p = affines[k / perView].Apply(new Geometry.Vec2(targets.Keypoints2D[2 * k], targets.Keypoints2D[(2 * k) + 1]));
            canvas[2 * k] = (float)p.X;
            canvas[(2 * k) + 1] = (float)p.Y;
        }

        _canvasTarget = Tensor.FromArray(canvas, canvas.Length / 2, 2);
        _canvasWeight = _weight2D.Reshape(canvas.Length / 2);
    }

    /// <summary>The targets.</summary>
    public Stage2Targets Targets { get; }

    /// <summary>The weights.</summary>
    public Stage2LossWeights Weights { get; }

    /// <summary>The Gaussian loss's canvas width (px).</summary>
    public int CanvasWidth { get; }

    /// <summary>The Gaussian loss's canvas height (px).</summary>
    public int CanvasHeight { get; }

    /// <summary>
    /// Maps reprojections <c>[S, V, N, J, 2]</c> (original px) to canvas px with each (sample, view)'s affine,
    /// differentiably; returns <c>[S·V·N·J, 2]</c>.
    /// </summary>
    public Tensor ToCanvas(Tensor reprojection)
    {
        ArgumentNullException.ThrowIfNull(reprojection);
        var x = reprojection.Select(4, 0);
        var y = reprojection.Select(4, 1);
        var cx = (_affine[0] * x) + (_affine[1] * y) + _affine[2];
        var cy = (_affine[3] * x) + (_affine[4] * y) + _affine[5];
        return Tensor.Stack([cx, cy], -1).Reshape(_canvasWeight.NumEl, 2);
    }

    /// <summary>The loss of the decoder's <paramref name="layers"/> (exactly <see cref="Stage2LossWeights.Stages"/> of them).</summary>
    public Stage2LossResult Compute(IReadOnlyList<Stage2LossLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count != Weights.Stages)
        {
            throw new ArgumentException($"{layers.Count} decoder layers given, the loss weights expand over {Weights.Stages}");
        }

        var w = Weights;
        Tensor? total = null;
        var terms = new List<Stage2LayerLoss>();
        foreach (var layer in layers)
        {
            var l1 = ReprojectionL1Loss.Compute(layer.Reprojection, _target2D, _weight2D);
            var l2 = GaussianHeatmapLoss.Compute(ToCanvas(layer.Reprojection), _canvasTarget, _canvasWeight, CanvasWidth, CanvasHeight, w.Sigma);
            var anchor = AnchorL1Loss.Compute(layer.Refined3D, _pseudo3D, _weight3D);
            var cross = CrossAugmentationL1Loss.Compute(layer.Refined3D, _ids, Targets.AugmentSlots);
            var residual = TriangulationResidualLoss.Compute(layer.Residual, layer.Triangulated);
            var sum = (l1 * w.Reprojection) + (l2 * w.Heatmap) + (anchor * w.Anchor) + (cross * w.CrossAugmentation) + (residual * w.Residual);
            total = total is null ? sum : total + sum;
            terms.Add(new Stage2LayerLoss(l1.ItemFloat64(), l2.ItemFloat64(), anchor.ItemFloat64(), cross.ItemFloat64(), residual.ItemFloat64()));
        }

        return new Stage2LossResult(total!, terms);
    }
}
