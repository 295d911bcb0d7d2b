namespace Polypose.Reconstruction.Sequence;

/// <summary>
/// The length samples (mm) of one segment of one tracked person, kept sorted for their median. Up to
/// <c>capacity</c> samples are all kept (the median is then exact); beyond it the kept ones are a uniform random
/// sample of all seen (reservoir sampling: the n-th sample replaces a uniformly chosen kept one with probability
/// capacity / n), drawn from the caller's seeded generator, so memory is bounded whatever the sequence length and the
/// result is deterministic.
/// </summary>
internal sealed class LengthSamples(int capacity)
{
    private readonly List<double> _sorted = [];

    /// <summary>Samples seen so far (kept or not).</summary>
    public long Seen { get; private set; }

    /// <summary>Samples kept (at most the capacity).</summary>
    public int Kept => _sorted.Count;

    /// <summary>Adds a sample; non-finite ones are ignored.</summary>
    public void Add(double length, Random random)
    {
        if (!double.IsFinite(length))
        {
            return;
        }

        Seen++;
        if (_sorted.Count >= capacity)
        {
            var slot = random.NextInt64(Seen);
            if (slot >= capacity)
            {
                return;
            }

            _sorted.RemoveAt((int)slot);
        }

        var at = _sorted.BinarySearch(length);
        _sorted.Insert(at < 0 ? ~at : at, length);
    }

    /// <summary>The median of the kept samples (the mean of the two middle ones for an even count); NaN when empty.</summary>
    public double Median()
    {
        var n = _sorted.Count;
        if (n == 0)
        {
            return double.NaN;
        }

        return n % 2 == 1 ? _sorted[n / 2] : 0.5 * (_sorted[(n / 2) - 1] + _sorted[n / 2]);
    }
}
