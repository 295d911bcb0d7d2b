using System.Text.Json;
using Polypose.Formats.Poses3D;
using Polypose.Testing;

namespace Polypose.Export.Tests;

/// <summary>C3D exports read back by an independent reader: scripts/read_c3d.py (Python standard library only).</summary>
public sealed class C3dExportTests
{
    [SharedDataFact]
    public void Shelf_IndependentReader_SeesEveryPointLabelRateAndMissingMarker() => CheckRoundTrip(ExportInputs.Shelf, 25);

    [Fact]
    public void SyntheticReconstruction_IndependentReader_SeesEveryPointLabelRateAndMissingMarker() => CheckRoundTrip(ExportInputs.SyntheticReconstruction, 30);

    [Fact]
    public void HandCase_SinglePerson_PlainLabelsAndMinusOneResidualForTheMissingNose()
    {
        var dir = ExportInputs.NewOutputDir();
        var output = Path.Combine(dir, "hand.c3d");
        var r = CliProcess.Polypose("export", "-p", HandMadePoses.Write(dir, fps: 50), "-f", "c3d", "-o", output, "-q");
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var c3d = Read(output);
        var root = c3d.RootElement;
        Assert.Equal(["mid_hip", "neck", "nose"], root.GetProperty("groups").GetProperty("POINT").GetProperty("LABELS").EnumerateArray().Select(e => e.GetString()));
        var frames = root.GetProperty("frames");
        Assert.Equal(-1, frames[0][2][3].GetDouble());
        Assert.Equal(1000, frames[0][0][0].GetDouble());
        Assert.Equal(2000, frames[0][0][1].GetDouble());
        Assert.Equal(900, frames[0][0][2].GetDouble());
        Assert.Equal(1150, frames[1][2][0].GetDouble());
        Assert.Equal(0, frames[1][2][3].GetDouble());
        Assert.Equal(0, root.GetProperty("header").GetProperty("file_size").GetInt32() % 512);
    }

    [Fact]
    public void SameCommandTwice_WritesTheSameBytes()
    {
        var dir = ExportInputs.NewOutputDir();
        string[] outputs = [Path.Combine(dir, "a.c3d"), Path.Combine(dir, "b.c3d")];
        foreach (var o in outputs)
        {
            var r = CliProcess.Polypose("export", "-p", ExportInputs.SyntheticReconstruction, "-f", "c3d", "-o", o, "--fps", "30", "-q");
            Assert.True(r.ExitCode == 0, r.StdErr);
        }

        Assert.Equal(File.ReadAllBytes(outputs[0]), File.ReadAllBytes(outputs[1]));
    }

    private static void CheckRoundTrip(string poses, double fps)
    {
        var dir = ExportInputs.NewOutputDir();
        var output = Path.Combine(dir, "out.c3d");
        var r = CliProcess.Polypose("export", "-p", poses, "-f", "c3d", "-o", output, "--fps", fps.ToString(System.Globalization.CultureInfo.InvariantCulture), "-q");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var doc = Poses3DJson.Read(poses);
        var ids = doc.Frames.SelectMany(f => f.People.Select(p => p.Id)).Distinct().Order().ToList();
        var joints = doc.Skeleton.JointCount;
        using var c3d = Read(output);
        var root = c3d.RootElement;
        var header = root.GetProperty("header");
        var point = root.GetProperty("groups").GetProperty("POINT");
        Assert.Equal(84, root.GetProperty("processor").GetInt32());
        Assert.Equal(-1, header.GetProperty("scale").GetDouble());
        Assert.Equal(fps, header.GetProperty("rate").GetDouble(), 4);
        Assert.Equal(fps, point.GetProperty("RATE").GetDouble(), 4);
        Assert.Equal("mm", point.GetProperty("UNITS").GetString());
        Assert.Equal(ids.Count * joints, header.GetProperty("points").GetInt32());
        Assert.Equal(ids.Count * joints, point.GetProperty("USED").GetInt32());
        var expectedLabels = ids.SelectMany(id => doc.Skeleton.JointNames.Select(n => $"person{id}:{n}")).ToList();
        Assert.Equal(expectedLabels, point.GetProperty("ALL_LABELS").EnumerateArray().Select(e => e.GetString()!));
        var first = doc.Frames[0].FrameIndex;
        var frames = root.GetProperty("frames");
        Assert.Equal(doc.Frames[^1].FrameIndex - first + 1, frames.GetArrayLength());
        Assert.Equal(frames.GetArrayLength(), point.GetProperty("FRAMES").GetInt32());
        var checkedPoints = 0;
        var missing = 0;
        foreach (var frame in doc.Frames)
        {
            var row = frames[frame.FrameIndex - first];
            for (var k = 0; k < ids.Count; k++)
            {
                var person = frame.People.FirstOrDefault(p => p.Id == ids[k]);
                for (var j = 0; j < joints; j++)
                {
                    var pt = row[(k * joints) + j];
                    if (person is not null && person.Confidence[j] > 0)
                    {
                        Assert.True(pt[3].GetDouble() >= 0, $"frame {frame.FrameIndex} person {ids[k]} joint {j}: residual {pt[3]}");
                        Assert.Equal(person.Joints[j].X, pt[0].GetDouble(), 0.002);
                        Assert.Equal(person.Joints[j].Y, pt[1].GetDouble(), 0.002);
                        Assert.Equal(person.Joints[j].Z, pt[2].GetDouble(), 0.002);
                        checkedPoints++;
                    }
                    else
                    {
                        Assert.Equal(-1, pt[3].GetDouble());
                        missing++;
                    }
                }
            }
        }

        Assert.True(checkedPoints > 1000, $"only {checkedPoints} points checked");
        Assert.True(missing > 0, "the data set should have missing markers to check");
    }

    private static JsonDocument Read(string c3d)
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "Polypose.Export.Tests", "scripts", "read_c3d.py");
        var r = CliProcess.Run("python3", [script, c3d]);
        Assert.True(r.ExitCode == 0, r.StdErr);
        return JsonDocument.Parse(r.StdOut);
    }
}
