using Polypose.Core.Options;
using Polypose.Synthesis.Detection;
using Polypose.Synthesis.Rigs;

namespace Polypose.Synthesis;

/// <summary>What to generate (every setting checked when set: an out-of-range SceneOptions cannot be built). The room is centred on the world origin, floor z = 0, world z-up, millimetres.</summary>
public sealed record SceneOptions
{
    /// <summary>Largest number of people.</summary>
    public const int MaxPeople = 12;

    /// <summary>Largest number of frames.</summary>
    public const int MaxFrames = 1_000_000;

    /// <summary>The camera rig (default ring:5).</summary>
    public RigSpec Rig { get; init => field = OptionCheck.NotNull(value, nameof(Rig)); } = new(RigKind.Ring, 5);

    /// <summary>Ranges for camera intrinsics, resolution and distortion.</summary>
    public RigOptions RigOptions { get; init => field = OptionCheck.NotNull(value, nameof(RigOptions)); } = new();

    /// <summary>Number of people, 1–12 (default 4).</summary>
    public int People { get; init => field = OptionCheck.InRange(value, 1, MaxPeople, nameof(People)); } = 4;

    /// <summary>Number of frames, 1–1000000 (default 300).</summary>
    public int Frames { get; init => field = OptionCheck.InRange(value, 1, MaxFrames, nameof(Frames)); } = 300;

    /// <summary>Seed of every random choice (rig, bodies, motion, detector noise).</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Frames per second, 1–1000 (default 30).</summary>
    public double Fps { get; init => field = OptionCheck.InRange(value, 1, 1000, nameof(Fps)); } = 30;

    /// <summary>Room size along world x, 2000–50000 mm (default 6000).</summary>
    public double RoomWidth { get; init => field = OptionCheck.InRange(value, 2000, 50000, nameof(RoomWidth)); } = 6000;

    /// <summary>Room size along world y, 2000–50000 mm (default 6000).</summary>
    public double RoomDepth { get; init => field = OptionCheck.InRange(value, 2000, 50000, nameof(RoomDepth)); } = 6000;

    /// <summary>Smallest ground distance between two people's roots (mid-hips projected to the floor), 300–3000 mm (default 700).</summary>
    public double MinSeparation { get; init => field = OptionCheck.InRange(value, 300, 3000, nameof(MinSeparation)); } = 700;

    /// <summary>The 2D detector model (default: fitted to Shelf).</summary>
    public DetectorNoiseModel Noise { get; init => field = OptionCheck.NotNull(value, nameof(Noise)); } = DetectorNoiseModel.Default;

    /// <summary>
    /// Whether <see cref="People"/> discs of diameter <see cref="MinSeparation"/> fit, at low packing, in the walkable
    /// area (the room minus a 350 mm margin). Four settings meet here, so it is checked where they are used:
    /// <see cref="SceneGenerator.Generate"/> throws when it is false.
    /// </summary>
    public bool PeopleFitRoom => People * MinSeparation * MinSeparation * 2.5 <= (RoomWidth - 700) * (RoomDepth - 700);

    /// <summary>Throws <see cref="ArgumentException"/> naming the room when <see cref="PeopleFitRoom"/> is false.</summary>
    internal void ThrowUnlessPeopleFitRoom()
    {
        if (!PeopleFitRoom)
        {
            throw new ArgumentException($"{People} people at {MinSeparation} mm separation do not fit a {RoomWidth} x {RoomDepth} mm room; enlarge the room");
        }
    }
}
