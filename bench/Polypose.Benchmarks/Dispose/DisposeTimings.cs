namespace Polypose.Benchmarks.Dispose;

/// <summary>Thread CPU milliseconds per component of the full DisPOSE model, summed over frames (see <see cref="DisposeModelPath"/>).</summary>
internal sealed class DisposeTimings
{
    public int Frames { get; set; }

    public long Edges { get; set; }

    public long People { get; set; }

    public double EncoderMs { get; set; }

    public double Stage1AttentionMs { get; set; }

    /// <summary>The projected DDIM sampler: denoiser calls and the Sinkhorn projections (<see cref="SinkhornMs"/> is part of it).</summary>
    public double SamplerMs { get; set; }

    /// <summary>The sampler's Sinkhorn projections timed alone on the same graphs.</summary>
    public double SinkhornMs { get; set; }

    public double DecoderMs { get; set; }

    public double OtherMs { get; set; }

    public double TotalMs => EncoderMs + Stage1AttentionMs + SamplerMs + DecoderMs + OtherMs;
}
