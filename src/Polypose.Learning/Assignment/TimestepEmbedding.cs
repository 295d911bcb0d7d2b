using Polypose.Tensors;
using Polypose.Tensors.Nn;

namespace Polypose.Learning.Assignment;

/// <summary>
/// Time embedding of the denoiser (DisPOSE 3.7 step 1): a sinusoid over d/2 frequencies exp(−ln(1e4)·i/(d/2 − 1)),
/// concatenated as [cos, sin] (d dims), then MLP d → d → d with SiLU. Timesteps <c>[samples]</c> → <c>[samples, d]</c>.
/// </summary>
public sealed class TimestepEmbedding : Module
{
    private readonly int _dim;

    /// <summary>Creates the embedding for width <paramref name="dim"/> (even).</summary>
    public TimestepEmbedding(int dim, Generator generator)
    {
        if (dim % 2 != 0)
        {
            throw new ArgumentException($"time embedding width {dim} must be even", nameof(dim));
        }

        _dim = dim;
        Mlp = RegisterModule("mlp", new Mlp(dim, [dim, dim], generator, Activation.Silu));
    }

    /// <summary>The MLP after the sinusoid.</summary>
    public Mlp Mlp { get; }

    /// <summary>The raw sinusoid <c>[samples, d]</c> ([cos, sin]).</summary>
    public Tensor Sinusoid(IReadOnlyList<int> timesteps)
    {
        ArgumentNullException.ThrowIfNull(timesteps);
        var half = _dim / 2;
        var data = new float[timesteps.Count * _dim];
        for (var b = 0; b < timesteps.Count; b++)
        {
            for (var i = 0; i < half; i++)
            {
                var freq = Math.Exp(-Math.Log(1e4) * i / Math.Max(1, half - 1));
                var arg = timesteps[b] * freq;
                data[(b * _dim) + i] = (float)Math.Cos(arg);
                data[(b * _dim) + half + i] = (float)Math.Sin(arg);
            }
        }

        return Tensor.FromArray(data, timesteps.Count, _dim);
    }

    /// <summary>t_emb <c>[samples, d]</c>.</summary>
    public Tensor Forward(IReadOnlyList<int> timesteps) => Mlp.Forward(Sinusoid(timesteps));
}
