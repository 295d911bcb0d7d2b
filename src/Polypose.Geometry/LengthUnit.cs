namespace Polypose.Geometry;

/// <summary>A length unit found at the edges (input files, CLI options); Polypose works in millimetres inside.</summary>
public enum LengthUnit
{
    /// <summary>Millimetres (factor 1 to mm); Polypose's internal unit.</summary>
    Millimetre = 0,

    /// <summary>Centimetres (factor 10 to mm), e.g. CMU Panoptic calibrations and annotations.</summary>
    Centimetre = 1,

    /// <summary>Metres (factor 1000 to mm), e.g. Shelf and Campus calibrations and ground truth.</summary>
    Metre = 2,
}
