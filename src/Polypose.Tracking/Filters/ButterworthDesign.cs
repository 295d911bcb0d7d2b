using System.Numerics;

namespace Polypose.Tracking.Filters;

/// <summary>
/// Digital Butterworth low-pass coefficients, designed like <c>scipy.signal.butter(order, cutoff, fs=rate)</c>: the
/// analog prototype's poles scaled to the pre-warped cut-off and mapped by the bilinear transform; transfer function
/// b(z)/a(z) with a[0] = 1, both of length order + 1.
/// </summary>
public static class ButterworthDesign
{
    /// <summary>The (b, a) coefficients for <paramref name="order"/> ≥ 1 and 0 &lt; <paramref name="cutoffHz"/> &lt; rate / 2.</summary>
    public static (double[] B, double[] A) LowPass(int order, double cutoffHz, double frameRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        if (!(frameRate > 0) || !(cutoffHz > 0) || !(cutoffHz < frameRate / 2))
        {
            throw new ArgumentOutOfRangeException(nameof(cutoffHz), cutoffHz, $"the Butterworth cut-off {cutoffHz} Hz must be in (0, {frameRate / 2}) Hz, below half the frame rate ({frameRate} fps)");
        }

        // Normalised frequency (1 = Nyquist), pre-warped for the bilinear transform with sample rate 2.
        var wn = cutoffHz / (frameRate / 2);
        var warped = 4 * Math.Tan(Math.PI * wn / 2);
        var poles = new Complex[order];
        var gain = Math.Pow(warped, order);
        var denominator = Complex.One;
        for (var k = 0; k < order; k++)
        {
            var m = -order + 1 + (2 * k);
            var analog = -Complex.Exp(new Complex(0, Math.PI * m / (2.0 * order))) * warped;
            denominator *= 4 - analog;
            poles[k] = (4 + analog) / (4 - analog);
        }

        gain /= denominator.Real;
        var a = Polynomial(poles);
        var b = new double[order + 1];
        for (var k = 0; k <= order; k++)
        {
            b[k] = gain * Binomial(order, k);
        }

        return (b, a);
    }

    private static double[] Polynomial(Complex[] roots)
    {
        var c = new Complex[roots.Length + 1];
        c[0] = Complex.One;
        for (var r = 0; r < roots.Length; r++)
        {
            for (var k = r + 1; k >= 1; k--)
            {
                c[k] -= roots[r] * c[k - 1];
            }
        }

        return [.. c.Select(x => x.Real)];
    }

    private static double Binomial(int n, int k)
    {
        double v = 1;
        for (var i = 1; i <= k; i++)
        {
            v = v * (n - k + i) / i;
        }

        return v;
    }
}
