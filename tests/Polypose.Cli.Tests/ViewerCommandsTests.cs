using System.Diagnostics;
using System.Text.Json;
using Polypose.Formats.Calibration;
using Polypose.Geometry;
using Polypose.Testing;

namespace Polypose.Cli.Tests;

/// <summary>'polypose serve' and 'polypose check-calib' run as real processes on a synthetic scene.</summary>
public sealed class ViewerCommandsTests
{
    private static readonly Lazy<string> Scene = new(() =>
    {
        var dir = RepoPaths.NewTempDir();
        var result = CliProcess.Run("synth", "--people", "3", "--frames", "90", "--seed", "17", "--out", dir);
        Assert.Equal(0, result.ExitCode);
        return dir;
    });

    [Fact]
    public void CheckCalib_IntactSyntheticRig_Passes()
    {
        var result = CliProcess.Run("check-calib", "--calib", Path.Combine(Scene.Value, "calibration.json"), "--detections", Path.Combine(Scene.Value, "detections"), "-j", "2");
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Assert.Contains("calibration consistent", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckCalib_CameraRotatedByTwoDegrees_IsNamedWithExitCode3()
    {
        var rig = CalibrationReader.Read(Path.Combine(Scene.Value, "calibration.json"));
        var cameras = rig.ToArray();
        var turned = cameras[2].Rotation * Mat3.FromRodrigues(new Vec3(0, 0, 2 * Math.PI / 180));
        cameras[2] = cameras[2] with { Rotation = turned, Translation = -(turned * cameras[2].Center) };
        var path = Path.Combine(RepoPaths.NewTempDir(), "turned.json");
        CalibrationWriter.Write(new CameraRig(cameras), path, CalibrationFormat.Polypose);

        var result = CliProcess.Run("check-calib", "--calib", path, "--detections", Path.Combine(Scene.Value, "detections"), "-j", "2");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"camera {cameras[2].Name} is off", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_DetectionsWithoutCalibration_IsAUserError()
    {
        var result = CliProcess.Run("serve", "--poses", Path.Combine(Scene.Value, "gt.json"), "--detections", Path.Combine(Scene.Value, "detections"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--detections needs --calib", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_MissingPosesFile_NamesIt()
    {
        var missing = Path.Combine(RepoPaths.NewTempDir(), "none.json");
        var result = CliProcess.Run("serve", "--poses", missing, "--port", "0");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("none.json", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_AnswersOnLoopbackWithTheSceneOfTheFile()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "polypose.dll"), "serve", "--poses", Path.Combine(Scene.Value, "gt.json"), "--calib", Path.Combine(Scene.Value, "calibration.json"), "--port", "0" })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2)) ?? "";
            var url = line[(line.IndexOf("http://", StringComparison.Ordinal))..].Trim();
            Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal);
            using var http = new HttpClient();
            using var scene = JsonDocument.Parse(await http.GetStringAsync(new Uri(new Uri(url), "/api/scene.json")));
            Assert.Equal(90, scene.RootElement.GetProperty("frames").GetInt32());
            Assert.Equal(5, scene.RootElement.GetProperty("cameras").GetArrayLength());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
