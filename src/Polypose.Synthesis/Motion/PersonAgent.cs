using Polypose.Geometry;
using Polypose.Synthesis.Bodies;
using Polypose.Synthesis.Sampling;

namespace Polypose.Synthesis.Motion;

/// <summary>The mutable state of one simulated person (ground position in mm on the z = 0 floor, heading in radians).</summary>
internal sealed class PersonAgent
{
    public PersonAgent(int id, BodyShape shape, Vec3 position, double heading, double style)
    {
        Id = id;
        Shape = shape;
        Position = position;
        Heading = heading;
        Style = style;
        Pose = PoseParameters.Neutral;
        From = Pose;
    }

    public int Id { get; }

    public BodyShape Shape { get; }

    public Vec3 Position { get; set; }

    public double Heading { get; set; }

    /// <summary>A per-person style value in [0, 1) that varies activity details.</summary>
    public double Style { get; }

    public PersonActivity PersonActivity { get; set; } = PersonActivity.Stand;

    /// <summary>Seconds since the current activity started.</summary>
    public double Time { get; set; }

    /// <summary>Planned duration of the current activity in seconds (walks end at their waypoint instead).</summary>
    public double Duration { get; set; }

    /// <summary>The pose when the current activity began (blended towards the activity's target).</summary>
    public PoseParameters From { get; set; }

    /// <summary>The current pose.</summary>
    public PoseParameters Pose { get; set; }

    public Vec3 Waypoint { get; set; }

    public double Speed { get; set; }

    public double TargetSpeed { get; set; }

    public double GaitPhase { get; set; }

    /// <summary>PersonActivity variant: reach height or gesture rate in [0, 1).</summary>
    public double Variant { get; set; }

    public bool LeftSide { get; set; }

    public bool BothArms { get; set; }

    /// <summary>Seconds spent walking without approaching the waypoint.</summary>
    public double Stuck { get; set; }

    public bool IsMoving => PersonActivity == PersonActivity.Walk;

    /// <summary>Starts a new activity, keeping the current pose as the blend start.</summary>
    public void Begin(PersonActivity activity, Pcg32 rng, double roomHalfX, double roomHalfY)
    {
        PersonActivity = activity;
        Time = 0;
        From = Pose;
        Variant = rng.NextDouble();
        LeftSide = rng.Chance(0.5);
        BothArms = rng.Chance(0.35);
        Stuck = 0;
        Duration = activity switch
        {
            PersonActivity.Walk => 30,
            PersonActivity.Stand => rng.Uniform(1.5, 4),
            PersonActivity.Crouch => rng.Uniform(2, 4),
            PersonActivity.Reach => rng.Uniform(2, 3.5),
            PersonActivity.Gesture => rng.Uniform(2, 4),
            _ => rng.Uniform(3, 6),
        };
        if (activity == PersonActivity.Walk)
        {
            const double margin = 500;
            for (var attempt = 0; attempt < 8; attempt++)
            {
                Waypoint = new Vec3(rng.Uniform(-roomHalfX + margin, roomHalfX - margin), rng.Uniform(-roomHalfY + margin, roomHalfY - margin), 0);
                if (Vec3.Distance(Waypoint, Position) > 1200)
                {
                    break;
                }
            }

            TargetSpeed = rng.Uniform(900, 1500);
        }
    }

    /// <summary>The activity's target pose now (before blending from the previous activity).</summary>
    public PoseParameters TargetPose() => PersonActivity switch
    {
        PersonActivity.Walk => MotionLibrary.Walk(GaitPhase, Speed / 1300),
        PersonActivity.Stand => MotionLibrary.Stand(Time, Style),
        PersonActivity.Crouch => MotionLibrary.Crouch(Time, Variant),
        PersonActivity.Reach => MotionLibrary.Reach(Time, Variant, LeftSide),
        PersonActivity.Gesture => MotionLibrary.Gesture(Time, Variant, LeftSide, BothArms),
        _ => MotionLibrary.Sit(Time, Variant),
    };
}
