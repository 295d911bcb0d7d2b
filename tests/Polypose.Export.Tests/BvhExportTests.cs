using System.Globalization;
using Polypose.Core.Poses;
using Polypose.Formats.Poses3D;
using Polypose.Geometry;
using Polypose.Testing;
using Xunit.Abstractions;

namespace Polypose.Export.Tests;

/// <summary>
/// BVH exports re-read by <see cref="BvhFile"/> (its own parser and forward kinematics). In the default exact mode the
/// forward kinematics must give back every input joint itself (bones of varying length stretch through position
/// channels); with <c>--bvh-bones rigid</c> the bones are rigid (median lengths), so a joint is expected at its root +
/// Σ median length × observed unit direction along its chain; on rigid ground truth that is the joint itself.
/// </summary>
public sealed class BvhExportTests(ITestOutputHelper output)
{
    [SharedDataFact]
    public void Shelf_ForwardKinematics_ReproducesTheInputJointsWithinOneMillimetre()
    {
        var (_, raw, count) = Check(ExportInputs.Shelf, 25, "exact");
        output.WriteLine($"Shelf (exact): max FK error {raw:F5} mm against the input joints, {count} joints");
        Assert.True(raw < 1.0, $"max FK error {raw:F4} mm over {count} joints");
        Assert.True(count > 5000, $"{count} joints checked");
    }

    [Fact]
    public void SyntheticReconstruction_ForwardKinematics_ReproducesTheInputJointsWithinOneMillimetre()
    {
        var (_, raw, count) = Check(ExportInputs.SyntheticReconstruction, 30, "exact");
        output.WriteLine($"synthetic reconstruction (exact): max FK error {raw:F5} mm against the input joints, {count} joints");
        Assert.True(raw < 1.0, $"max FK error {raw:F4} mm over {count} joints");
    }

    [SharedDataFact]
    public void Shelf_Rigid_ForwardKinematics_ReproducesTheRigidJointsWithinOneMillimetre()
    {
        var (rigid, raw, count) = Check(ExportInputs.Shelf, 25, "rigid");
        output.WriteLine($"Shelf (rigid): max FK error {rigid:F5} mm against the rigid-bone joints, {raw:F1} mm against the raw input (bone-length variation), {count} joints");
        Assert.True(rigid < 1.0, $"max FK error {rigid:F4} mm over {count} joints");
        Assert.True(count > 5000, $"{count} joints checked");
    }

    [Fact]
    public void SyntheticReconstruction_Rigid_ForwardKinematics_ReproducesTheRigidJointsWithinOneMillimetre()
    {
        var (rigid, raw, count) = Check(ExportInputs.SyntheticReconstruction, 30, "rigid");
        output.WriteLine($"synthetic reconstruction (rigid): max FK error {rigid:F5} mm (rigid), {raw:F1} mm (raw), {count} joints");
        Assert.True(rigid < 1.0, $"max FK error {rigid:F4} mm over {count} joints");
    }

    [Fact]
    public void SyntheticTruth_ForwardKinematics_ReproducesTheJointsThemselvesWithinOneMillimetre()
    {
        foreach (var bones in new[] { "exact", "rigid" })
        {
            var (rigid, raw, count) = Check(ExportInputs.SyntheticTruth, 30, bones);
            output.WriteLine($"synthetic truth ({bones}): max FK error {rigid:F5} mm (rigid), {raw:F5} mm (raw), {count} joints");
            Assert.True(rigid < 1.0, $"{bones}: max FK error {rigid:F4} mm (rigid) over {count} joints");
            Assert.True(raw < 1.0, $"{bones}: max FK error {raw:F4} mm against the input joints over {count} joints");
        }
    }

    [Fact]
    public void Rigid_WritesRotationChannelsOnlyBelowTheRoot_ExactStretchesVaryingBones()
    {
        var dir = ExportInputs.NewOutputDir();
        var poses = HandMadePoses.Write(dir, fps: 50);
        foreach (var (bones, neckChannels) in new[] { ("rigid", 3), ("exact", 6) })
        {
            var bvhPath = Path.Combine(dir, $"hand-{bones}.bvh");
            var r = CliProcess.Polypose("export", "-p", poses, "-f", "bvh", "-o", bvhPath, "--bvh-bones", bones, "-q");
            Assert.True(r.ExitCode == 0, r.StdErr);
            var bvh = BvhFile.Parse(File.ReadAllText(bvhPath));

            // The hand-made neck changes length between its two frames (500 mm, 502.5 mm).
            Assert.Equal(neckChannels, bvh.Joints.Single(j => j.Name == "neck").Channels.Length);
            if (bones == "rigid")
            {
                Assert.All(bvh.Joints.Skip(1).Where(j => !j.EndSite), j => Assert.Equal(["Zrotation", "Xrotation", "Yrotation"], j.Channels));
            }
            else
            {
                Assert.Equal(["Xposition", "Yposition", "Zposition", "Zrotation", "Xrotation", "Yrotation"], bvh.Joints.Single(j => j.Name == "neck").Channels);
            }
        }
    }

    [Fact]
    public void HandCase_HierarchyHasTheRootChannelsAndTheFrameTime()
    {
        var dir = ExportInputs.NewOutputDir();
        var bvhPath = Path.Combine(dir, "hand.bvh");
        var r = CliProcess.Polypose("export", "-p", HandMadePoses.Write(dir, fps: 50), "-f", "bvh", "-o", bvhPath);
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("1 missing joint entries filled by interpolation", r.StdErr.ReplaceLineEndings(" "), StringComparison.Ordinal);
        var bvh = BvhFile.Parse(File.ReadAllText(bvhPath));
        Assert.Equal(0.02, bvh.FrameTime, 9);
        Assert.Equal(2, bvh.Motion.Count);
        Assert.Equal(["mid_hip", "neck", "nose", "End Site of nose"], bvh.Joints.Select(j => j.Name));
        Assert.Equal(["Xposition", "Yposition", "Zposition", "Zrotation", "Xrotation", "Yrotation"], bvh.Joints[0].Channels);

        // Rest pose (cm, Y-up): the neck straight up by the median of its two lengths, 500 mm and |(0, 50, 500)| mm; the
        // nose straight up by its one observed length |(50, 0, 100)| mm.
        Assert.Equal(0, bvh.Joints[1].Offset[0], 9);
        Assert.Equal((500 + Math.Sqrt((50 * 50) + (500 * 500))) / 2 / 10, bvh.Joints[1].Offset[1], 4);
        Assert.Equal(0, bvh.Joints[1].Offset[2], 9);
        Assert.Equal(0, bvh.Joints[2].Offset[0], 9);
        Assert.Equal(Math.Sqrt((50 * 50) + (100 * 100)) / 10, bvh.Joints[2].Offset[1], 4);
    }

    /// <summary>
    /// Exports <paramref name="poses"/> with <c>--bvh-bones <paramref name="bones"/></c> and re-reads every person:
    /// Rigid = the largest distance of a forward-kinematics joint to the rigid-bone expectation (joints whose whole chain
    /// was observed), Raw = to the input joint (every observed joint in exact mode, fully observed chains in rigid mode).
    /// </summary>
    private static (double Rigid, double Raw, int Count) Check(string poses, double fps, string bones)
    {
        var dir = ExportInputs.NewOutputDir();
        var bvhPath = Path.Combine(dir, "out.bvh");
        var r = CliProcess.Polypose("export", "-p", poses, "-f", "bvh", "-o", bvhPath, "--fps", fps.ToString(CultureInfo.InvariantCulture), "--unit", "cm", "--bvh-bones", bones, "-q");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var doc = Poses3DJson.Read(poses);
        var skeleton = doc.Skeleton;
        var ids = doc.Frames.SelectMany(f => f.People.Select(p => p.Id)).Distinct().Order().ToList();
        double maxRigid = 0, maxRaw = 0;
        var count = 0;
        foreach (var id in ids)
        {
            var file = ids.Count == 1 ? bvhPath : Path.Combine(dir, $"out_person{id}.bvh");
            var bvh = BvhFile.Parse(File.ReadAllText(file));
            var track = doc.Frames.Select(f => (f.FrameIndex, Person: f.People.FirstOrDefault(p => p.Id == id))).Where(t => t.Person is not null).ToList();
            var first = track[0].FrameIndex;
            Assert.Equal(track[^1].FrameIndex - first + 1, bvh.Motion.Count);
            Assert.Equal(1 / fps, bvh.FrameTime, 6);
            var lengths = MedianLengths(track.Select(t => t.Person!).ToList(), skeleton.Parents);
            foreach (var (frame, person) in track)
            {
                var fk = bvh.Positions(frame - first);
                for (var j = 0; j < skeleton.JointCount; j++)
                {
                    var chain = ChainObserved(person!, skeleton.Parents, j);
                    if (!(chain || (bones == "exact" && person!.Confidence[j] > 0)))
                    {
                        continue;
                    }

                    var expected = person!.Joints[j];
                    var rigid = Vec3.Zero;
                    var k = j;
                    for (; skeleton.Parents[k] >= 0; k = skeleton.Parents[k])
                    {
                        rigid += (person.Joints[k] - person.Joints[skeleton.Parents[k]]).Normalized() * lengths[k];
                    }

                    rigid += person.Joints[k];
                    var p = fk[skeleton.JointNames[j]];

                    // The file is Y-up in cm: (X, Y, Z) = (world y, world z, world x) / 10.
                    var world = new Vec3(p[2] * 10, p[0] * 10, p[1] * 10);
                    if (chain)
                    {
                        maxRigid = Math.Max(maxRigid, Vec3.Distance(world, rigid));
                    }

                    maxRaw = Math.Max(maxRaw, Vec3.Distance(world, expected));
                    count++;
                }
            }
        }

        return (maxRigid, maxRaw, count);
    }

    private static bool ChainObserved(Person3D person, IReadOnlyList<int> parents, int j)
    {
        for (var k = j; k >= 0; k = parents[k])
        {
            if (person.Confidence[k] <= 0)
            {
                return false;
            }
        }

        return true;
    }

    private static double[] MedianLengths(List<Person3D> frames, IReadOnlyList<int> parents)
    {
        var result = new double[parents.Count];
        for (var j = 0; j < parents.Count; j++)
        {
            if (parents[j] < 0)
            {
                continue;
            }

            var values = frames.Where(p => p.Confidence[j] > 0 && p.Confidence[parents[j]] > 0)
                .Select(p => Vec3.Distance(p.Joints[j], p.Joints[parents[j]])).Order().ToList();
            if (values.Count > 0)
            {
                result[j] = values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
            }
        }

        return result;
    }
}
