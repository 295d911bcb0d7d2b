using Polypose.Synthesis.Detection;
using Polypose.Synthesis.Rigs;

namespace Polypose.Synthesis;

/// <summary>What to generate. The room is centred on the world origin, floor z = 0, world z-up, millimetres.</summary>
public sealed record SceneOptions
{
    /// <summary>Largest number of people.</summary>
    public const int MaxPeople = 12;

    /// <summary>The camera rig (default ring:5).</summary>
    public RigSpec Rig { get; init; } = new(RigKind.Ring, 5);

    /// <summary>Ranges for camera intrinsics, resolution and distortion.</summary>
    public RigOptions RigOptions { get; init; } = new();

    /// <summary>Number of people, 1–12 (default 4).</summary>
    public int People { get; init; } = 4;

    /// <summary>Number of frames (default 300).</summary>
    public int Frames { get; init; } = 300;

    /// <summary>Seed of every random choice (rig, bodies, motion, detector noise).</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Frames per second (default 30).</summary>
    public double Fps { get; init; } = 30;

    /// <summary>Room size along world x, mm (default 6000).</summary>
    public double RoomWidth { get; init; } = 6000;

    /// <summary>Room size along world y, mm (default 6000).</summary>
    public double RoomDepth { get; init; } = 6000;

    /// <summary>Smallest ground distance between two people's roots (mid-hips projected to the floor), mm (default 700).</summary>
    public double MinSeparation { get; init; } = 700;

    /// <summary>The 2D detector model (default: fitted to Shelf).</summary>
    public DetectorNoiseModel Noise { get; init; } = DetectorNoiseModel.Default;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option, with its allowed range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Rig);
        ArgumentNullException.ThrowIfNull(RigOptions);
        ArgumentNullException.ThrowIfNull(Noise);
        if (People is < 1 or > MaxPeople)
        {
            throw new ArgumentException($"people must be 1-{MaxPeople}; got {People}");
        }

        if (Frames is < 1 or > 1_000_000)
        {
            throw new ArgumentException($"frames must be 1-1000000; got {Frames}");
        }

        if (!(Fps >= 1 && Fps <= 1000))
        {
            throw new ArgumentException($"fps must be 1-1000; got {Fps}");
        }

        if (!(RoomWidth >= 2000 && RoomWidth <= 50000) || !(RoomDepth >= 2000 && RoomDepth <= 50000))
        {
            throw new ArgumentException($"room sides must be 2000-50000 mm; got {RoomWidth} x {RoomDepth}");
        }

        if (!(MinSeparation >= 300 && MinSeparation <= 3000))
        {
            throw new ArgumentException($"minimum separation must be 300-3000 mm; got {MinSeparation}");
        }

        // Each person needs a disc of diameter MinSeparation inside the walkable area (room minus a 350 mm margin), at low packing.
        var usable = (RoomWidth - 700) * (RoomDepth - 700);
        var needed = People * MinSeparation * MinSeparation * 2.5;
        if (needed > usable)
        {
            throw new ArgumentException($"{People} people at {MinSeparation} mm separation do not fit a {RoomWidth} x {RoomDepth} mm room; enlarge the room");
        }

        RigOptions.Validate();
        Noise.Validate();
    }
}
