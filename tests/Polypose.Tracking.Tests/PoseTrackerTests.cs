using Polypose.Core.Poses;
using Polypose.Geometry;
using Polypose.Tracking.Tracking;
using static Polypose.Tracking.Tests.TestPeople;

namespace Polypose.Tracking.Tests;

public sealed class PoseTrackerTests
{
    /// <summary>Maps every output id to the single truth id it carries (fails when an output id covers two people or a person gets two ids).</summary>
    private static void AssertOneIdPerPerson(IReadOnlyList<Frame3D> tracked, Func<int, int, int> truthOf)
    {
        var idToTruth = new Dictionary<int, int>();
        var truthToId = new Dictionary<int, int>();
        for (var f = 0; f < tracked.Count; f++)
        {
            for (var i = 0; i < tracked[f].People.Count; i++)
            {
                var id = tracked[f].People[i].Id;
                var truth = truthOf(f, i);
                Assert.Equal(truth, idToTruth.TryAdd(id, truth) ? truth : idToTruth[id]);
                Assert.Equal(id, truthToId.TryAdd(truth, id) ? id : truthToId[truth]);
            }
        }
    }

    [Fact]
    public void CrossingPeopleKeepTheirIdsWhenFrameOrderIsShuffled()
    {
        // Two people walk towards each other at 1.5 m/s and pass 400 mm apart; each frame lists them in a random order
        // with meaningless per-frame ids.
        var random = new Random(5);
        var truth = new List<int[]>();
        var frames = new List<Frame3D>();
        for (var f = 0; f < 120; f++)
        {
            var x = -3000 + (50.0 * f);
            Person3D[] people = [At(-1, new Vec3(x, 0, 900)), At(-1, new Vec3(-x, 400, 900), 0.9)];
            var order = random.Next(2) == 0 ? new[] { 0, 1 } : [1, 0];
            truth.Add(order);
            frames.Add(new Frame3D(f, [people[order[0]] with { Id = 0 }, people[order[1]] with { Id = 1 }]));
        }

        var tracked = PoseTracker.Track(frames);
        AssertOneIdPerPerson(tracked, (f, i) => truth[f][i]);
        Assert.Equal(2, tracked.SelectMany(f => f.People).Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void PersonHiddenForLessThanMaxLostTimeGetsItsIdBack()
    {
        var frames = new List<Frame3D>();
        for (var f = 0; f < 120; f++)
        {
            var walker = At(0, new Vec3(20.0 * f, 0, 900));
            var hidden = f is >= 40 and < 85; // 1.5 s at 30 fps
            frames.Add(hidden ? Frame(f, At(1, new Vec3(0, 3000, 900))) : Frame(f, walker, At(1, new Vec3(0, 3000, 900))));
        }

        var tracked = PoseTracker.Track(frames, new TrackerOptions { MaxLostSeconds = 2 });
        var walkerIds = tracked.Select(f => f.People.FirstOrDefault(p => p.Joints[0].Y < 1000)).Where(p => p is not null).Select(p => p!.Id).Distinct();
        Assert.Single(walkerIds);
    }

    [Fact]
    public void TrackStream_IsOnline_AndGivesAHiddenPersonItsIdBack()
    {
        // The source fails if a frame past the 120th is asked for: the stream must hand out each frame before it reads
        // the next one.
        static IEnumerable<Frame3D> Source()
        {
            for (var f = 0; ; f++)
            {
                if (f == 120)
                {
                    throw new InvalidOperationException("read past the frames taken");
                }

                var walker = At(0, new Vec3(20.0 * f, 0, 900));
                var hidden = f is >= 40 and < 85; // 1.5 s at 30 fps
                yield return hidden ? Frame(f, At(1, new Vec3(0, 3000, 900))) : Frame(f, walker, At(1, new Vec3(0, 3000, 900)));
            }
        }

        var tracked = PoseTracker.TrackStream(Source(), new TrackerOptions { MaxLostSeconds = 2 }).Take(120).ToList();
        Assert.Equal(120, tracked.Count);
        var walkerIds = tracked.Select(f => f.People.FirstOrDefault(p => p.Joints[0].Y < 1000)).Where(p => p is not null).Select(p => p!.Id).Distinct();
        Assert.Single(walkerIds);
        Assert.Single(tracked.Select(f => f.People.First(p => p.Joints[0].Y > 1000).Id).Distinct());
    }

    [Fact]
    public void PersonHiddenForLongerThanMaxLostTimeGetsANewId()
    {
        var frames = new List<Frame3D>();
        for (var f = 0; f < 200; f++)
        {
            var hidden = f is >= 40 and < 140; // 3.3 s
            frames.Add(hidden ? Frame(f) : Frame(f, At(0, new Vec3(5.0 * f, 0, 900))));
        }

        var tracked = PoseTracker.Track(frames, new TrackerOptions { MaxLostSeconds = 2 });
        Assert.Equal(2, tracked.SelectMany(f => f.People).Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void BoneLengthsReidentifyPeopleWhoReappearInEachOthersPlace()
    {
        // A tall and a short person stand 600 mm apart, both vanish for 1 s and come back in each other's place:
        // position alone would swap them, their bone lengths do not.
        Vec3 left = new(0, 0, 900), right = new(600, 0, 900);
        var frames = new List<Frame3D>();
        for (var f = 0; f < 90; f++)
        {
            frames.Add(f switch
            {
                < 30 => Frame(f, At(0, left, 1.0), At(1, right, 0.7)),
                < 60 => Frame(f),
                _ => Frame(f, At(0, right, 1.0), At(1, left, 0.7)),
            });
        }

        var tracked = PoseTracker.Track(frames);
        var tallIds = tracked.SelectMany(f => f.People).Where(p => p.Joints[2].Z - p.Joints[0].Z > 700).Select(p => p.Id).Distinct();
        var shortIds = tracked.SelectMany(f => f.People).Where(p => p.Joints[2].Z - p.Joints[0].Z < 700).Select(p => p.Id).Distinct();
        Assert.Single(tallIds);
        Assert.Single(shortIds);
        Assert.NotEqual(tallIds.Single(), shortIds.Single());
    }

    [Fact]
    public void TrackingIsDeterministicAndKeepsPeopleAndFrames()
    {
        var frames = Enumerable.Range(0, 30).Select(f => Frame(100 + f, At(5, new Vec3(f * 10.0, 0, 900)), At(5, new Vec3(2000, f * 10.0, 900)))).ToList();
        var a = PoseTracker.Track(frames);
        var b = PoseTracker.Track(frames);
        Assert.Equal(a.Select(f => f.FrameIndex), frames.Select(f => f.FrameIndex));
        Assert.Equal(a.SelectMany(f => f.People.Select(p => p.Id)), b.SelectMany(f => f.People.Select(p => p.Id)));
        Assert.Equal([0, 1], a[^1].People.Select(p => p.Id));
        Assert.Equal(frames[7].People[1].Joints, a[7].People[1].Joints);
    }
}

public sealed class PoseTrackerPartialPoseTests
{
    [Fact]
    public void FramesWithoutPelvisOrFeetDoNotBreakTheTrack()
    {
        // Two people walk side by side 800 mm apart with 30 mm joint noise; every third frame the pelvis and the
        // feet are missing, so one centre point would jump by ~600 mm; the joints both poses have do not.
        var random = new Random(9);
        var frames = new List<Frame3D>();
        for (var f = 0; f < 150; f++)
        {
            Person3D Noisy(Person3D p) => p with
            {
                Joints = [.. p.Joints.Select(j => j + new Vec3((random.NextDouble() * 60) - 30, (random.NextDouble() * 60) - 30, (random.NextDouble() * 60) - 30))],
                Confidence = f % 3 == 0 ? [0, 1, 1, 0, 0] : [1, 1, 1, 1, 1],
            };
            frames.Add(Frame(f, Noisy(At(0, new Vec3(25.0 * f, 0, 900))), Noisy(At(1, new Vec3(25.0 * f, 800, 900), 0.8))));
        }

        var tracked = PoseTracker.Track(frames);
        Assert.Equal(2, tracked.SelectMany(f => f.People).Select(p => p.Id).Distinct().Count());
        Assert.All(tracked, f => Assert.Equal([0, 1], f.People.Select(p => p.Id)));
    }
}
