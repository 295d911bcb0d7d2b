using Polypose.Tensors;
using Polypose.Tensors.Nn;

namespace Polypose.Learning.Decoder;

/// <summary>
/// The embeddings added to the per-view features (dispose.md 4.2 step 3): Linear(3 → d) of the current joint position
/// normalised into the space box, ((P − corner)/size) clamped to [0, 1]; Linear(15 → d) of the joint one-hot (its
/// weight column plus bias); and the ray embedding Linear(3 → d) → LN → GELU → Linear(d → d) of the unit vector
/// R_w2c·(P − C) in camera coordinates. Poses <c>[S, N·15, 3]</c> (mm) → <c>[S, V, N·15, d]</c>.
/// </summary>
public sealed class ViewTokenEmbedding : Module
{
    private readonly float[] _corner;
    private readonly float[] _size;

    /// <summary>Creates the embeddings for the width and space box of <paramref name="config"/>.</summary>
    public ViewTokenEmbedding(Stage2Config config, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(config);
        var d = config.Dim;
        _corner = [.. config.SpaceCorner.Select(v => (float)v)];
        _size = [.. config.SpaceSize.Select(v => (float)v)];
        Position = RegisterModule("position", new Linear(3, d, generator));
        JointOneHot = RegisterModule("joint", new Linear(TPosePrior.JointCount, d, generator));
        RayIn = RegisterModule("ray_in", new Linear(3, d, generator));
        RayNorm = RegisterModule("ray_norm", new LayerNorm(d));
        RayOut = RegisterModule("ray_out", new Linear(d, d, generator));
    }

    /// <summary>Linear(3 → d) of the normalised position.</summary>
    public Linear Position { get; }

    /// <summary>Linear(15 → d) of the joint one-hot.</summary>
    public Linear JointOneHot { get; }

    /// <summary>First layer of the ray embedding.</summary>
    public Linear RayIn { get; }

    /// <summary>LayerNorm of the ray embedding.</summary>
    public LayerNorm RayNorm { get; }

    /// <summary>Last layer of the ray embedding.</summary>
    public Linear RayOut { get; }

    /// <summary>Positions <c>[S, P, 3]</c> (mm) normalised into the space box and clamped to [0, 1].</summary>
    public Tensor Normalize(Tensor poses)
    {
        ArgumentNullException.ThrowIfNull(poses);
        return ((poses - Tensor.FromArray(_corner, 3)) / Tensor.FromArray(_size, 3)).Clamp(0f, 1f);
    }

    /// <summary>The summed embedding <c>[S, V, P, d]</c> of <paramref name="poses"/> <c>[S, P, 3]</c>, P = N·15 slot-major.</summary>
    public Tensor Forward(Tensor poses, DecoderViews views)
    {
        ArgumentNullException.ThrowIfNull(poses);
        ArgumentNullException.ThrowIfNull(views);
        int s = poses.Size(0), p = poses.Size(1), j = TPosePrior.JointCount;
        var position = Position.Forward(Normalize(poses)).Unsqueeze(1);

        // Linear(one-hot of j) = W[:, j] + b, tiled over the N slots: [P, d].
        var joint = (JointOneHot.Weight.MT + JointOneHot.Bias!).Unsqueeze(0).Expand(p / j, j, JointOneHot.OutFeatures).Reshape(p, JointOneHot.OutFeatures);

        // Unit R·(P − C) per view: [S, V, P, 3].
        var rel = poses.Unsqueeze(1) - views.Center.Unsqueeze(2);
        var dir = rel.Matmul(views.Rotation.Transpose(-2, -1));
        dir /= (dir * dir).Sum(-1, keepDim: true).Clamp(1e-12f, null).Sqrt();
        var ray = RayOut.Forward(RayNorm.Forward(RayIn.Forward(dir)).Gelu());
        return ray + position + joint;
    }
}
