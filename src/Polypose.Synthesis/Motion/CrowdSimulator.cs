using Polypose.Geometry;
using Polypose.Synthesis.Bodies;
using Polypose.Synthesis.Sampling;

namespace Polypose.Synthesis.Motion;

/// <summary>
/// Moves people around a rectangular room centred on the world origin (floor z = 0, mm): each picks activities at random,
/// walkers steer to waypoints with repulsion from others, and a hard constraint keeps every pair of people at least
/// <see cref="MinSeparation"/> apart (ground distance between body roots).
/// </summary>
internal sealed class CrowdSimulator
{
    private const double TransitionSeconds = 0.8;
    private const double MaxTurnRate = 2.5; // rad/s
    private readonly Pcg32 _rng;
    private readonly double _halfX;
    private readonly double _halfY;

    public CrowdSimulator(int people, double roomWidth, double roomDepth, double minSeparation, Pcg32 rng)
    {
        _rng = rng;
        _halfX = roomWidth / 2;
        _halfY = roomDepth / 2;
        MinSeparation = minSeparation;
        var agents = new List<PersonAgent>(people);
        for (var i = 0; i < people; i++)
        {
            var shape = BodyShape.Sample(rng);
            var pos = Vec3.Zero;
            for (var attempt = 0; attempt < 200; attempt++)
            {
                pos = new Vec3(rng.Uniform(-_halfX + Margin, _halfX - Margin), rng.Uniform(-_halfY + Margin, _halfY - Margin), 0);
                if (agents.TrueForAll(a => Vec3.Distance(a.Position, pos) >= minSeparation * 1.3))
                {
                    break;
                }
            }

            var agent = new PersonAgent(i, shape, pos, rng.Uniform(-Math.PI, Math.PI), rng.NextDouble());
            agent.Begin(PickActivity(), rng, _halfX, _halfY);
            agent.Time = rng.Uniform(0, 1);
            agent.From = agent.TargetPose();
            agent.Pose = agent.From;
            agents.Add(agent);
        }

        Agents = agents;
        Separate();
    }

    public IReadOnlyList<PersonAgent> Agents { get; }

    public double MinSeparation { get; }

    private double Margin => 350;

    /// <summary>Advances every person by dt seconds.</summary>
    public void Step(double dt)
    {
        foreach (var a in Agents)
        {
            a.Time += dt;
            if (a.PersonActivity == PersonActivity.Walk)
            {
                Walk(a, dt);
            }
            else if (a.Time >= a.Duration)
            {
                a.Begin(PickActivity(), _rng, _halfX, _halfY);
            }

            var blend = Math.Clamp(a.Time / TransitionSeconds, 0, 1);
            blend = blend * blend * (3 - (2 * blend));
            a.Pose = PoseParameters.Lerp(a.From, a.TargetPose(), blend);
        }

        Separate();
    }

    private void Walk(PersonAgent a, double dt)
    {
        var toGoal = a.Waypoint - a.Position;
        var dist = toGoal.Length;
        if (dist < 250 || a.Stuck > 1.5 || a.Time > a.Duration)
        {
            a.Speed = 0;
            a.Begin(PickStationary(), _rng, _halfX, _halfY);
            return;
        }

        var desired = toGoal / dist;
        foreach (var o in Agents)
        {
            if (ReferenceEquals(o, a))
            {
                continue;
            }

            var away = a.Position - o.Position;
            var d = away.Length;
            const double range = 1600;
            if (d < range && d > 1e-6)
            {
                desired += away / d * (1.6 * (range - d) / range);
            }
        }

        var want = Math.Atan2(desired.Y, desired.X);
        var diff = Math.IEEERemainder(want - a.Heading, 2 * Math.PI);
        var turn = Math.Clamp(4 * diff, -MaxTurnRate, MaxTurnRate) * dt;
        a.Heading = Math.IEEERemainder(a.Heading + turn, 2 * Math.PI);
        var align = Math.Max(0.1, Math.Cos(diff));
        var target = a.TargetSpeed * align * Math.Min(1, dist / 600 + 0.3);
        a.Speed += Math.Clamp(target - a.Speed, -1500 * dt, 1500 * dt);
        var step = new Vec3(Math.Cos(a.Heading), Math.Sin(a.Heading), 0) * (a.Speed * dt);
        var before = dist;
        a.Position += step;
        var after = Vec3.Distance(a.Waypoint, a.Position);
        a.Stuck = before - after < 0.15 * a.TargetSpeed * dt ? a.Stuck + dt : 0;
        var stride = 0.8 * a.Shape.Height;
        a.GaitPhase = (a.GaitPhase + (2 * Math.PI * step.Length / stride)) % (2 * Math.PI);
    }

    /// <summary>Pushes overlapping pairs apart (walkers yield to stationary people) and keeps everyone inside the room.</summary>
    private void Separate()
    {
        var min = MinSeparation;
        for (var iter = 0; iter < 6; iter++)
        {
            var moved = false;
            for (var i = 0; i < Agents.Count; i++)
            {
                for (var j = i + 1; j < Agents.Count; j++)
                {
                    var a = Agents[i];
                    var b = Agents[j];
                    var d = b.Position - a.Position;
                    var len = d.Length;
                    if (len >= min)
                    {
                        continue;
                    }

                    var n = len > 1e-6 ? d / len : new Vec3(Math.Cos(i + j), Math.Sin(i + j), 0);
                    var push = (min - len) + 1e-3;
                    var wa = a.IsMoving == b.IsMoving ? 0.5 : a.IsMoving ? 1.0 : 0.0;
                    a.Position -= n * (push * wa);
                    b.Position += n * (push * (1 - wa));
                    moved = true;
                }
            }

            foreach (var a in Agents)
            {
                a.Position = new Vec3(Math.Clamp(a.Position.X, -_halfX + Margin, _halfX - Margin), Math.Clamp(a.Position.Y, -_halfY + Margin, _halfY - Margin), 0);
            }

            if (!moved)
            {
                break;
            }
        }
    }

    private PersonActivity PickActivity() => _rng.NextDouble() < 0.45 ? PersonActivity.Walk : PickStationary();

    private PersonActivity PickStationary()
    {
        var u = _rng.NextDouble();
        return u switch
        {
            < 0.30 => PersonActivity.Stand,
            < 0.45 => PersonActivity.Crouch,
            < 0.65 => PersonActivity.Reach,
            < 0.85 => PersonActivity.Gesture,
            _ => PersonActivity.Sit,
        };
    }
}
