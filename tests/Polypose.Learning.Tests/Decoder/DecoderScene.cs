using Polypose.Geometry;
using Polypose.Learning.Decoder;
using Polypose.Learning.Evidence;
using Polypose.Synthesis.Rigs;
using Polypose.Tensors;

namespace Polypose.Learning.Tests.Decoder;

/// <summary>
/// A small decoder batch: <see cref="Views"/> cameras on a 4 m ring at 1.5 m height looking at (0, 0, 0.9 m), 640×480
/// images with mild rational distortion (one view rotated by an augmentation affine), a 160×128 input grid (stride 4),
/// random feature levels of <see cref="Channels"/> channels, two samples with two slots each (sample 1's second slot
/// empty).
/// </summary>
internal sealed class DecoderScene
{
    public const int Views = 3;
    public const int Samples = 2;
    public const int Channels = 8;

    public static Stage2Config Config { get; } = new()
    {
        Name = "tiny",
        Dim = 16,
        Layers = 2,
        Slots = 2,
        FeatureChannels = Channels,
        AttentionHeads = 2,
        AttentionPoints = 2,
        FfnDim = 32,
        HypergraphHeads = 2,
        GeometryDim = 8,
        ViewCountDim = 8,
        Dropout = 0,
        Modes = Stage2Config.AlternatingModes(2),
    };

    public static EvidenceGrid Grid { get; } = new() { InputWidth = 160, InputHeight = 128, Stride = 4 };

    public DecoderScene(ulong seed, bool empty = false, float[]? roots = null)
    {
        Cameras = [.. Enumerable.Range(0, Views).Select(i =>
        {
            var a = (2 * Math.PI * i / Views) + 0.3;
            var distortion = new Distortion { K1 = -0.05 * (i + 1), K2 = 0.01, P1 = 1e-4, P2 = -2e-4, K4 = 0.01 * i };
            return RigBuilder.LookAt($"c{i}", 640, 480, new Intrinsics(500 + (20 * i), 505 + (20 * i), 318 + i, 241 - i, 0.5 * i), new Vec3(4000 * Math.Cos(a), 4000 * Math.Sin(a), 1500), new Vec3(0, 0, 900), distortion);
        })];
        Affines = [.. Enumerable.Range(0, Samples * Views).Select(i => Grid.For(640, 480, i == 4 ? 12 : 0))];
        View = DecoderViews.From(Cameras, Affines, Grid, Samples);
        var gen = new Generator(seed);
        int h = Grid.HeatmapHeight, w = Grid.HeatmapWidth;
        Levels = [Tensor.Randn(gen, Samples * Views, Channels, h, w), Tensor.Randn(gen, Samples * Views, Channels, h / 2, w / 2), Tensor.Randn(gen, Samples * Views, Channels, h / 4, w / 4)];
        Roots = Tensor.FromArray(roots ?? [-400f, 150f, 950f, 500f, -300f, 900f, 100f, 600f, 1000f, 0f, 0f, 0f], Samples, 2, 3);
        SlotMask = Tensor.FromArray(empty ? [false, false, false, false] : [true, true, true, false], Samples, 2);
    }

    public IReadOnlyList<Camera> Cameras { get; }

    public IReadOnlyList<ViewAffine> Affines { get; }

    public DecoderViews View { get; }

    public Tensor[] Levels { get; }

    public Tensor Roots { get; }

    public Tensor SlotMask { get; }

    public DecoderInput Input(Tensor[]? levels = null) => new(levels ?? Levels, Roots, SlotMask, View);
}
