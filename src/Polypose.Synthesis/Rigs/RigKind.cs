namespace Polypose.Synthesis.Rigs;

/// <summary>Camera arrangements the generator can build around a room centred on the world origin (z-up, mm).</summary>
public enum RigKind
{
    /// <summary>Cameras evenly spaced on a circle around the room at 2.0–2.5 m, looking at the room centre.</summary>
    Ring,

    /// <summary>Cameras in the room's corners (then wall midpoints) at 2.4–2.8 m, looking at the centre.</summary>
    Corners,

    /// <summary>Ceiling-mounted cameras at 3.4–4.0 m above the room's edge, looking steeply down at the centre.</summary>
    Ceiling,

    /// <summary>A ring whose cameras cycle through low (0.9–1.2 m), middle (1.8–2.2 m) and high (2.6–3.0 m) heights.</summary>
    Mixed,

    /// <summary>Random azimuth, distance and height (0.8–3.2 m), aimed within 0.5 m of the centre.</summary>
    Random,
}
