namespace Polypose.Learning.Assignment;

/// <summary>
/// The cosine noise schedule of DisPOSE 3.5 over T = 1000 steps: ᾱ_t = f(t)/f(0) clamped to [1e-4, 1] with
/// f(t) = cos²(((t/999 + 0.008)/1.008)·π/2), so ᾱ_0 = 1, ᾱ_500 ≈ 0.493, ᾱ_999 = 1e-4. Immutable.
/// </summary>
public sealed class CosineSchedule
{
    /// <summary>T, the number of diffusion steps (timesteps 0..T−1).</summary>
    public const int Steps = 1000;

    private readonly double[] _alphaBar;

    /// <summary>Tabulates ᾱ for every timestep.</summary>
    public CosineSchedule()
    {
        _alphaBar = new double[Steps];
        var f0 = F(0);
        for (var t = 0; t < Steps; t++)
        {
            _alphaBar[t] = Math.Clamp(F(t) / f0, 1e-4, 1.0);
        }
    }

    /// <summary>ᾱ_t, the signal fraction at timestep <paramref name="t"/> ∈ [0, 999].</summary>
    public double AlphaBar(int t) => _alphaBar[t];

    /// <summary>
    /// The DDIM timesteps: round(linspace(0, 999, calls + 1)) reversed (half to even), so 10 calls give
    /// [999, 899, 799, 699, 599, 500, 400, 300, 200, 100, 0].
    /// </summary>
    public static int[] SamplerTimesteps(int calls = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calls, 1);
        var t = new int[calls + 1];
        for (var i = 0; i <= calls; i++)
        {
            t[calls - i] = (int)Math.Round((Steps - 1) * (double)i / calls, MidpointRounding.ToEven);
        }

        return t;
    }

    private static double F(int t)
    {
        var c = Math.Cos(((t / (double)(Steps - 1)) + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }
}
