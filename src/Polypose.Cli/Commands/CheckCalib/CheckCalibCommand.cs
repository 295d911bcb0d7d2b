using System.CommandLine;
using System.Globalization;
using Polypose.Cli.Options;
using Polypose.Cli.Reports;
using Polypose.Formats.Calibration;
using Polypose.Reconstruction.CalibrationCheck;
using Polypose.Reconstruction.Input;

namespace Polypose.Cli.Commands.CheckCalib;

/// <summary><c>polypose check-calib</c>: per-camera held-out reprojection residuals and per-pair epipolar consistency (see <see cref="CalibrationChecker"/>).</summary>
internal static class CheckCalibCommand
{
    /// <summary>Exit code when a camera is found off.</summary>
    public const int CameraOff = 3;

    public static Command Create()
    {
        var calib = SharedOptions.Calibration("Calibration file or folder (any supported format).");
        var detections = new Option<string?>("--detections", "-d") { Description = "2D detections of people seen by the rig (same layouts as 'reconstruct'); without them only the rig's geometry is listed." };
        var firstFrame = SharedOptions.FirstFrame("Frame number of the first frame for formats without frame numbers (Shelf: 300).");
        var imageSize = SharedOptions.ImageSize();
        var threads = SharedOptions.Threads("Worker threads for the reconstruction that associates the views (default: all cores).");
        var minScore = new Option<double>("--min-score") { Description = "Lowest detection score of a joint that is used (0-1).", DefaultValueFactory = _ => new CalibrationCheckOptions().MinScore };
        var command = new Command("check-calib", $"Check a calibration against detected people: per camera the held-out reprojection residual (px), per pair the epipolar distance (px); exit {CameraOff} naming the camera that is off.")
        {
            calib, detections, firstFrame, imageSize, threads, minScore,
        };
        command.SetAction(parse =>
        {
            var threadCount = parse.GetValue(threads);
            var score = parse.GetValue(minScore);
            if (!(score >= 0 && score <= 1))
            {
                throw new UserError($"--min-score must be 0-1, got {score}");
            }

            var detectionsPath = parse.GetValue(detections);
            if (detectionsPath is null)
            {
                var rig = CalibrationLoading.Read(parse.GetValue(calib)!, SharedOptions.ImageSizeValue(parse, imageSize));
                InputNotes.Print(CalibrationLoading.ImageSizeWarning(rig));
                PrintGeometry(rig);
                Console.Out.WriteLine("no --detections: residuals and epipolar consistency need detected people; nothing judged");
                return ExitCodes.Ok;
            }

            var input = ReconstructionInput.Load(parse.GetValue(calib)!, detectionsPath, parse.GetValue(firstFrame), imageSizes: SharedOptions.ImageSizeValue(parse, imageSize));
            InputNotes.Print(input.Notes);
            var people = input.Reconstruct(threadCount);
            InputNotes.Print(input.NobodyWarning(people));
            var report = CalibrationChecker.Check(input.Rig, input.Frames, people, new CalibrationCheckOptions { MinScore = score });
            Print(report, input.Frames.Count);
            return report.OffCameras.Count > 0 ? CameraOff : ExitCodes.Ok;
        });
        return command;
    }

    private static void PrintGeometry(CameraRig rig)
    {
        Console.Out.WriteLine(FormattableString.Invariant($"{"camera",-12} {"centre x, y, z (mm)",-28} {"looks along (world)",-24} {"fx (px)",8}"));
        // Formatted into buffers, not strings: a rig of 100,000 cameras would otherwise leave ~50 MiB of garbage behind
        // the rig it prints (issue 12: peak working set against the calibration's size). Lines too long for them
        // (very long names or numbers) take the string path; both write the same text.
        var invariant = CultureInfo.InvariantCulture;
        Span<char> centre = stackalloc char[96];
        Span<char> forward = stackalloc char[64];
        Span<char> line = stackalloc char[256];
        var o = Console.Out;
        foreach (var c in rig)
        {
            var f = c.Forward;
            if (centre.TryWrite(invariant, $"{c.Center.X:F0}, {c.Center.Y:F0}, {c.Center.Z:F0}", out var nc)
                && forward.TryWrite(invariant, $"{f.X:F2}, {f.Y:F2}, {f.Z:F2}", out var nf)
                && line.TryWrite(invariant, $"{c.Name,-12} {centre[..nc],-28} {forward[..nf],-24} {c.Intrinsics.Fx,8:F1}{o.NewLine}", out var n))
            {
                o.Write(line[..n]);
            }
            else
            {
                o.WriteLine(FormattableString.Invariant($"{c.Name,-12} {$"{c.Center.X:F0}, {c.Center.Y:F0}, {c.Center.Z:F0}",-28} {$"{f.X:F2}, {f.Y:F2}, {f.Z:F2}",-24} {c.Intrinsics.Fx,8:F1}"));
            }
        }
    }

    private static void Print(CalibrationCheckReport report, int frames)
    {
        var o = Console.Out;
        o.WriteLine(FormattableString.Invariant($"{frames} frames; per camera, joints triangulated from the other cameras and reprojected (px):"));
        o.WriteLine(FormattableString.Invariant($"{"camera",-12} {"joints",7} {"median",8} {"p90",8} {"systematic",11} {"epipolar",9}"));
        foreach (var c in report.Cameras)
        {
            var mark = report.OffCameras.Contains(c.Camera) ? "  <- off" : report.UnjudgedCameras.Contains(c.Camera) ? "  (too few joints to judge)" : "";
            o.WriteLine(FormattableString.Invariant($"{c.Camera,-12} {c.Samples,7} {c.MedianPixels,8:F2} {c.P90Pixels,8:F2} {c.SystematicPixels,11:F2} {report.EpipolarMedianOf(c.Camera),9:F2}{mark}"));
        }

        o.WriteLine("per camera pair, symmetric epipolar distance (px):");
        o.WriteLine(FormattableString.Invariant($"{"pair",-20} {"joints",7} {"median",8} {"p90",8} {"baseline (mm)",14}"));
        foreach (var p in report.Pairs)
        {
            o.WriteLine(FormattableString.Invariant($"{p.CameraA + " - " + p.CameraB,-20} {p.Samples,7} {p.MedianPixels,8:F2} {p.P90Pixels,8:F2} {p.BaselineMillimetres,14:F0}"));
        }

        o.WriteLine(report.OffCameras.Count == 0
            ? "calibration consistent: no camera stands out"
            : string.Create(CultureInfo.InvariantCulture, $"camera {string.Join(", ", report.OffCameras)} is off: its systematic residual stands out from the other cameras'"));
    }
}
