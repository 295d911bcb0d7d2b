namespace Polypose.Geometry;

/// <summary>Conversion factors and names for <see cref="LengthUnit"/>.</summary>
public static class LengthUnitExtensions
{
    /// <summary>How many millimetres one unit is: 1, 10 or 1000.</summary>
    public static double MillimetresPerUnit(this LengthUnit unit) => unit switch
    {
        LengthUnit.Millimetre => 1,
        LengthUnit.Centimetre => 10,
        LengthUnit.Metre => 1000,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown length unit"),
    };

    /// <summary>A length in this unit converted to millimetres.</summary>
    public static double ToMillimetres(this LengthUnit unit, double value) => value * unit.MillimetresPerUnit();

    /// <summary>A point in this unit converted to millimetres.</summary>
    public static Vec3 ToMillimetres(this LengthUnit unit, Vec3 value) => value * unit.MillimetresPerUnit();

    /// <summary>A length in millimetres converted to this unit.</summary>
    public static double FromMillimetres(this LengthUnit unit, double millimetres) => millimetres / unit.MillimetresPerUnit();

    /// <summary>The SI symbol: "mm", "cm" or "m".</summary>
    public static string Symbol(this LengthUnit unit) => unit switch
    {
        LengthUnit.Millimetre => "mm",
        LengthUnit.Centimetre => "cm",
        LengthUnit.Metre => "m",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown length unit"),
    };

    /// <summary>
    /// Parses a unit name, case-insensitively: the symbol ("mm", "cm", "m") or the word in British or American
    /// spelling, singular or plural ("metre", "meters"). False for anything else.
    /// </summary>
    public static bool TryParse(string? text, out LengthUnit unit)
    {
        var t = text?.Trim().ToUpperInvariant();
        switch (t)
        {
            case "MM" or "MILLIMETRE" or "MILLIMETRES" or "MILLIMETER" or "MILLIMETERS":
                unit = LengthUnit.Millimetre;
                return true;
            case "CM" or "CENTIMETRE" or "CENTIMETRES" or "CENTIMETER" or "CENTIMETERS":
                unit = LengthUnit.Centimetre;
                return true;
            case "M" or "METRE" or "METRES" or "METER" or "METERS":
                unit = LengthUnit.Metre;
                return true;
            default:
                unit = LengthUnit.Millimetre;
                return false;
        }
    }
}
