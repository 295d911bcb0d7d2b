using Polypose.Synthesis.Sampling;

namespace Polypose.Synthesis.Bodies;

/// <summary>
/// The segment lengths of one synthetic adult, in millimetres. Lengths are fractions of stature with a small individual
/// variation. Sources: stature means and standard deviations of US adults aged 20+ from the CDC NHANES anthropometric
/// reference data (Fryar et al., Vital Health Stat 3(46), 2021: men about 175.4 ± 7.5 cm, women about 161.7 ± 7.0 cm);
/// segment proportions from Drillis and Contini (1966) as tabulated in D. A. Winter, "Biomechanics and Motor Control of
/// Human Movement", fig. 4.1 (shoulder 0.818 H, elbow 0.630 H, wrist 0.485 H, hip 0.530 H, knee 0.285 H, ankle 0.039 H,
/// shoulder width 0.259 H, foot length 0.152 H).
/// </summary>
public sealed record BodyShape
{
    /// <summary>Sex of the person.</summary>
    public required Sex Sex { get; init; }

    /// <summary>Stature (standing height, floor to top of head) in mm.</summary>
    public required double Height { get; init; }

    /// <summary>Height of the hip joint centres above the floor when standing, mm.</summary>
    public required double HipHeight { get; init; }

    /// <summary>Height of the knee joint above the floor when standing, mm.</summary>
    public required double KneeHeight { get; init; }

    /// <summary>Height of the ankle joint above the floor, mm.</summary>
    public required double AnkleHeight { get; init; }

    /// <summary>Distance from the mid-hip to the neck (OpenPose neck, between the shoulders) when upright, mm.</summary>
    public required double Spine { get; init; }

    /// <summary>Distance between the two shoulder joints, mm.</summary>
    public required double ShoulderWidth { get; init; }

    /// <summary>Distance between the two hip joint centres, mm.</summary>
    public required double HipWidth { get; init; }

    /// <summary>Shoulder to elbow, mm.</summary>
    public required double UpperArm { get; init; }

    /// <summary>Elbow to wrist, mm.</summary>
    public required double Forearm { get; init; }

    /// <summary>Heel to toe tip, mm.</summary>
    public required double FootLength { get; init; }

    /// <summary>Hip to knee, mm.</summary>
    public double Thigh => HipHeight - KneeHeight;

    /// <summary>Knee to ankle, mm.</summary>
    public double Shank => KneeHeight - AnkleHeight;

    /// <summary>The average adult of the given sex with the given stature (no individual variation).</summary>
    public static BodyShape FromHeight(Sex sex, double height)
    {
        var female = sex == Sex.Female;
        return new BodyShape
        {
            Sex = sex,
            Height = height,
            HipHeight = 0.520 * height,
            KneeHeight = 0.285 * height,
            AnkleHeight = 0.039 * height,
            Spine = (0.818 + 0.012 - 0.520) * height,
            ShoulderWidth = (female ? 0.215 : 0.225) * height,
            HipWidth = (female ? 0.120 : 0.110) * height,
            UpperArm = 0.186 * height,
            Forearm = 0.146 * height,
            FootLength = 0.152 * height,
        };
    }

    /// <summary>Draws an adult: sex 50/50, stature from the sex-specific normal (clamped to ±3 sd), proportions ×(1 ± 3%).</summary>
    public static BodyShape Sample(Pcg32 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var sex = rng.Chance(0.5) ? Sex.Female : Sex.Male;
        var (mean, sd) = sex == Sex.Female ? (1617.0, 70.0) : (1754.0, 75.0);
        var height = mean + (sd * Math.Clamp(rng.NextGaussian(), -3, 3));
        var b = FromHeight(sex, height);
        double Vary(double v) => v * (1 + (0.03 * Math.Clamp(rng.NextGaussian(), -2.5, 2.5)));
        var hip = Vary(b.HipHeight);
        var knee = Math.Min(Vary(b.KneeHeight), hip - (0.15 * height));
        return b with
        {
            HipHeight = hip,
            KneeHeight = knee,
            Spine = Vary(b.Spine),
            ShoulderWidth = Vary(b.ShoulderWidth),
            HipWidth = Vary(b.HipWidth),
            UpperArm = Vary(b.UpperArm),
            Forearm = Vary(b.Forearm),
            FootLength = Vary(b.FootLength),
        };
    }
}
