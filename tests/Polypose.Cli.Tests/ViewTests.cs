using System.Xml.Linq;
using Polypose.Testing;

namespace Polypose.Cli.Tests;

/// <summary><c>polypose view</c> as a real process, on a scene written by <c>polypose synth</c>.</summary>
public sealed class ViewTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static string Scene()
    {
        var dir = RepoPaths.NewTempDir();
        var synth = CliProcess.Run("synth", "--rig", "ring:3", "--people", "2", "--frames", "4", "--seed", "5", "--out", dir);
        Assert.True(synth.ExitCode == 0, synth.StdErr);
        return dir;
    }

    [Fact]
    public void View_SyntheticFrame_WritesAnSvgWithOnePanelPerCameraTheTopViewAndBothPeople()
    {
        var dir = Scene();
        var figure = Path.Combine(dir, "figure.svg");
        var result = CliProcess.Run(
            "view", "--calib", Path.Combine(dir, "calibration.toml"), "--poses", Path.Combine(dir, "gt.json"),
            "--detections", Path.Combine(dir, "detections"), "--frame", "2", "--out", figure);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("(frame 2, 2 people, 3 cameras)", result.StdErr, StringComparison.Ordinal);
        var svg = XDocument.Load(figure);
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal(3, texts.Count(t => t.StartsWith("camera ", StringComparison.Ordinal)));
        Assert.Single(texts, t => t.StartsWith("top view", StringComparison.Ordinal));
        Assert.Single(texts, t => t.StartsWith("frame 2: 2 people", StringComparison.Ordinal));
        var strokes = svg.Descendants(Svg + "line").Select(l => (string)l.Attribute("stroke")!).Distinct().ToList();
        Assert.Contains("#9a9a9a", strokes); // the 2D detections underneath
        Assert.True(strokes.Count(s => s is not "#9a9a9a" and not "#333") == 2, string.Join(", ", strokes)); // one colour per person
    }

    [Fact]
    public void View_SameInputTwice_WritesTheSameBytes()
    {
        var dir = Scene();
        string Render(string name)
        {
            var path = Path.Combine(dir, name);
            var result = CliProcess.Run("view", "-c", Path.Combine(dir, "calibration.toml"), "-p", Path.Combine(dir, "gt.json"), "-o", path);
            Assert.True(result.ExitCode == 0, result.StdErr);
            return File.ReadAllText(path);
        }

        Assert.Equal(Render("a.svg"), Render("b.svg"));
    }

    [Fact]
    public void View_AbsentFrame_NamesThePosesFileTheFrameAndTheRangeAndWritesNothing()
    {
        var dir = Scene();
        var poses = Path.Combine(dir, "gt.json");
        var figure = Path.Combine(dir, "figure.svg");
        var result = CliProcess.Run("view", "-c", Path.Combine(dir, "calibration.toml"), "-p", poses, "--frame", "99", "-o", figure);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {poses}: has no frame 99 (frames 0-3)\n", result.StdErr);
        Assert.False(File.Exists(figure));
    }
}
