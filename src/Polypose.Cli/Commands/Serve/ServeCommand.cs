using System.CommandLine;
using Polypose.Cli.Options;
using Polypose.Cli.Reports;
using Polypose.Formats.Calibration;
using Polypose.Formats.Poses3D;
using Polypose.Reconstruction.Input;
using Polypose.Viewer;

namespace Polypose.Cli.Commands.Serve;

/// <summary><c>polypose serve</c>: the browser 3D viewer of a poses file on 127.0.0.1 (see <see cref="ViewerServer"/>).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var poses = new Option<string>("--poses", "-p") { Description = "3D poses (Polypose 3D JSON, e.g. the output of 'reconstruct').", Required = true };
        var calib = SharedOptions.Calibration("Calibration file or folder: camera frusta and the per-view 2D panel.", required: false);
        var detections = new Option<string?>("--detections", "-d") { Description = "2D detections shown in the per-view panel (needs --calib)." };
        var firstFrame = SharedOptions.FirstFrame("Frame number of the first detection frame for formats without numbers (Shelf: 300).");
        var imageSize = SharedOptions.ImageSize();
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 = any free port).", DefaultValueFactory = _ => 8765 };
        var fps = new Option<double>("--fps") { Description = "Playback rate, frames per second.", DefaultValueFactory = _ => 30 };
        var command = new Command("serve", "Serve a browser 3D viewer of a poses file on 127.0.0.1 (skeletons, cameras, timeline, 2D views) until Ctrl+C.")
        {
            poses, calib, detections, firstFrame, imageSize, port, fps,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var posesPath = parse.GetValue(poses)!;
            var calibPath = parse.GetValue(calib);
            var detectionsPath = parse.GetValue(detections);
            if (detectionsPath is not null && calibPath is null)
            {
                throw new UserError("--detections needs --calib (the 2D panel draws each camera's detections)");
            }

            var portValue = parse.GetValue(port);
            if (portValue is < 0 or > 65535)
            {
                throw new UserError($"--port must be 0-65535, got {portValue}");
            }

            var fpsValue = parse.GetValue(fps);
            if (!(fpsValue >= 0.1 && fpsValue <= 1000))
            {
                throw new UserError($"--fps must be 0.1-1000, got {fpsValue}");
            }

            var doc = Poses3DJson.Read(posesPath);
            CameraRig? rig = null;
            IReadOnlyList<Polypose.Core.Poses.MultiViewFrame>? frames = null;
            if (detectionsPath is not null)
            {
                var input = ReconstructionInput.Load(calibPath!, detectionsPath, parse.GetValue(firstFrame), imageSizes: SharedOptions.ImageSizeValue(parse, imageSize));
                InputNotes.Print(input.Notes);
                rig = input.Rig;
                frames = input.Frames;
            }
            else if (calibPath is not null)
            {
                rig = CalibrationLoading.Read(calibPath, SharedOptions.ImageSizeValue(parse, imageSize));
                InputNotes.Print(CalibrationLoading.ImageSizeWarning(rig));
            }

            var scene = new ViewerScene(doc, rig, frames, fpsValue);
            ViewerServer server;
            try
            {
                server = await ViewerServer.StartAsync(scene, new ViewerServerOptions { Port = portValue }, cancellation);
            }
            catch (IOException ex)
            {
                throw new UserError(ex.Message);
            }

            await using (server)
            {
                Console.Out.WriteLine($"serving {posesPath} ({doc.Frames.Count} frames, {rig?.Count ?? 0} cameras) at {server.Address}");
                Console.Out.WriteLine("press Ctrl+C to stop");
                Console.Out.Flush();
                await server.WaitForShutdownAsync(cancellation);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
