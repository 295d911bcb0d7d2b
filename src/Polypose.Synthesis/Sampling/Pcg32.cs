namespace Polypose.Synthesis.Sampling;

/// <summary>
/// A small, fully specified pseudo-random generator (PCG-XSH-RR, 64-bit state, 32-bit output) so that generated scenes
/// are byte-identical across .NET versions and platforms. Not thread-safe; not for cryptography.
/// </summary>
public sealed class Pcg32
{
    private const ulong Multiplier = 6364136223846793005UL;
    private ulong _state;
    private readonly ulong _increment;
    private double _spareGaussian;
    private bool _hasSpare;

    /// <summary>Creates a generator from a seed and a stream id (different streams give independent sequences).</summary>
    public Pcg32(ulong seed, ulong stream = 0)
    {
        _increment = (stream << 1) | 1UL;
        _state = 0;
        NextUInt();
        _state += seed;
        NextUInt();
    }

    /// <summary>A derived generator for a named sub-task: same seed, a stream that depends on <paramref name="stream"/>.</summary>
    public static Pcg32 ForStream(int seed, ulong stream) => new(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL), stream);

    /// <summary>The next 32 random bits.</summary>
    public uint NextUInt()
    {
        var old = _state;
        _state = unchecked((old * Multiplier) + _increment);
        var xorShifted = (uint)(((old >> 18) ^ old) >> 27);
        var rot = (int)(old >> 59);
        return (xorShifted >> rot) | (xorShifted << ((-rot) & 31));
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble()
    {
        var hi = (ulong)(NextUInt() >> 5);
        var lo = (ulong)(NextUInt() >> 6);
        return ((hi * 67108864.0) + lo) * (1.0 / 9007199254740992.0);
    }

    /// <summary>A uniform double in [lo, hi).</summary>
    public double Uniform(double lo, double hi) => lo + ((hi - lo) * NextDouble());

    /// <summary>A uniform integer in [0, n); n must be positive.</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)((ulong)NextUInt() * (ulong)n >> 32);
    }

    /// <summary>True with probability p.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>A standard normal sample (Marsaglia polar method; the spare value is cached).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }

        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * f;
        _hasSpare = true;
        return u * f;
    }

    /// <summary>A normal sample with the given mean and standard deviation.</summary>
    public double Gaussian(double mean, double sd) => mean + (sd * NextGaussian());

    /// <summary>A Poisson sample (Knuth's method; intended for small means, below about 30).</summary>
    public int Poisson(double mean)
    {
        if (!(mean > 0))
        {
            return 0;
        }

        var limit = Math.Exp(-mean);
        var k = 0;
        var p = NextDouble();
        while (p > limit && k < 1000)
        {
            k++;
            p *= NextDouble();
        }

        return k;
    }
}
