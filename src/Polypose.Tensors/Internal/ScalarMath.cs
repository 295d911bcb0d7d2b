namespace Polypose.Tensors.Internal;

/// <summary>Scalar special functions evaluated in double and rounded to float.</summary>
internal static class ScalarMath
{
    private const double TwoOverSqrtPi = 1.1283791670955126;
    private const double InvSqrt2 = 0.7071067811865476;
    private const double InvSqrt2Pi = 0.3989422804014327;

    /// <summary>Error function erf(x); |error| below 2e-7 (Maclaurin series for |x| &lt; 0.5, Chebyshev-fitted erfc otherwise).</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        var z = Math.Abs(x);
        if (z < 0.5)
        {
            // erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1))
            var x2 = x * x;
            var term = x;
            var sum = x;
            for (var n = 1; n < 12; n++)
            {
                term *= -x2 / n;
                sum += term / ((2 * n) + 1);
            }

            return TwoOverSqrtPi * sum;
        }

        var t = 1.0 / (1.0 + (0.5 * z));
        var poly = -1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806
            + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        var erfc = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? 1.0 - erfc : erfc - 1.0;
    }

    /// <summary>d erf(x)/dx = 2/sqrt(pi) exp(-x^2).</summary>
    public static double ErfGrad(double x) => TwoOverSqrtPi * Math.Exp(-x * x);

    /// <summary>GELU (erf form): x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)).</summary>
    public static float Gelu(float x) => (float)(0.5 * x * (1.0 + Erf(x * InvSqrt2)));

    /// <summary>d GELU/dx = Phi(x) + x phi(x).</summary>
    public static float GeluGrad(float x)
    {
        double xd = x;
        return (float)((0.5 * (1.0 + Erf(xd * InvSqrt2))) + (xd * InvSqrt2Pi * Math.Exp(-0.5 * xd * xd)));
    }

    /// <summary>Logistic sigmoid 1 / (1 + exp(-x)), stable for large |x|.</summary>
    public static float Sigmoid(float x) => x >= 0 ? 1f / (1f + MathF.Exp(-x)) : MathF.Exp(x) / (1f + MathF.Exp(x));

    /// <summary>softplus(x) = log(1 + exp(x)), returning x above <paramref name="threshold"/> (PyTorch convention).</summary>
    public static float Softplus(float x, float threshold) => x > threshold ? x : MathF.Max(x, 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(x)));
}
