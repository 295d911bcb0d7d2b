namespace Polypose.Tensors;

/// <summary>
/// Seeded, reproducible pseudo-random generator (xoshiro256** seeded through SplitMix64); the same seed gives the
/// same stream on every platform and run (PyTorch <c>torch.Generator</c> with <c>manual_seed</c>). Not thread-safe.
/// </summary>
public sealed class Generator
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double? _spareNormal;

    /// <summary>Creates a generator seeded with <paramref name="seed"/>.</summary>
    public Generator(ulong seed)
    {
        ManualSeed(seed);
    }

    /// <summary>The seed last given to <see cref="ManualSeed"/> or the constructor.</summary>
    public ulong Seed { get; private set; }

    /// <summary>Resets the stream to the start of <paramref name="seed"/>.</summary>
    public void ManualSeed(ulong seed)
    {
        Seed = seed;
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
        _spareNormal = null;
    }

    /// <summary>Next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotL(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotL(_s3, 45);
        return result;
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform float in [0, 1) with 24 random bits.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform integer in [low, high) without modulo bias.</summary>
    public long NextInt64(long low, long high)
    {
        if (high <= low)
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, $"high must exceed low ({low})");
        }

        var range = (ulong)(high - low);
        var limit = ulong.MaxValue - (ulong.MaxValue % range);
        ulong v;
        do
        {
            v = NextUInt64();
        }
        while (v >= limit);
        return low + (long)(v % range);
    }

    /// <summary>Standard normal sample (Box–Muller, polar-free form, caching the second value).</summary>
    public double NextNormal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }

        double u1;
        do
        {
            u1 = NextDouble();
        }
        while (u1 <= double.Epsilon);
        var u2 = NextDouble();
        var radius = Math.Sqrt(-2.0 * Math.Log(u1));
        var angle = 2.0 * Math.PI * u2;
        _spareNormal = radius * Math.Sin(angle);
        return radius * Math.Cos(angle);
    }

    /// <summary>
    /// The full stream state for checkpoints: [seed, s0, s1, s2, s3, hasSpareNormal (0/1), spareNormal bits].
    /// Restoring it with <see cref="SetState"/> continues the stream exactly where it was.
    /// </summary>
    public ulong[] GetState()
        => [Seed, _s0, _s1, _s2, _s3, _spareNormal.HasValue ? 1UL : 0UL, _spareNormal.HasValue ? (ulong)BitConverter.DoubleToInt64Bits(_spareNormal.Value) : 0UL];

    /// <summary>Restores a state captured by <see cref="GetState"/>.</summary>
    /// <exception cref="ArgumentException">The state does not have 7 entries or its xoshiro part is all zero.</exception>
    public void SetState(IReadOnlyList<ulong> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Count != 7 || (state[1] | state[2] | state[3] | state[4]) == 0)
        {
            throw new ArgumentException($"generator state must have 7 entries with a non-zero stream state, got {state.Count}", nameof(state));
        }

        Seed = state[0];
        (_s0, _s1, _s2, _s3) = (state[1], state[2], state[3], state[4]);
        _spareNormal = state[5] != 0 ? BitConverter.Int64BitsToDouble((long)state[6]) : null;
    }

    private static ulong RotL(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
