using Polypose.Cli.Commands.Detect;
using Polypose.Core.Poses;
using Polypose.Export.Overlays;
using Polypose.Formats.Calibration;
using Polypose.Formats.Poses3D;
using Polypose.Video.Encoders;
using Polypose.Video.Synchronisation;

namespace Polypose.Cli.Commands.View;

/// <summary><c>polypose view --videos|--images</c>: the reprojected 3D people over the real frames, as PNGs or an MP4.</summary>
internal static class OverlayView
{
    public static int Render(CameraRig rig, string calibPath, Poses3DDocument doc, string? images, string? videos, string syncText, int tileHeight, string output)
    {
        if (tileHeight is < 16 or > 4320)
        {
            throw new UserError($"--height {tileHeight}: must be in [16, 4320]");
        }

        int[]? offsets = null;
        try
        {
            var setting = SyncSetting.Parse(syncText);
            if (setting.Mode == SyncMode.Auto)
            {
                throw new UserError("--sync auto: give the offsets that 'video' printed (view does not estimate them)");
            }

            if (setting.Mode == SyncMode.Fixed)
            {
                if (images is not null)
                {
                    throw new UserError("--sync applies to --videos only");
                }

                offsets = setting.OffsetsFor(rig.Names);
            }
        }
        catch (FormatException e)
        {
            throw new UserError(e.Message);
        }

        var byFrame = doc.Frames.ToDictionary(f => f.FrameIndex, f => f.People);
        using var source = FootageOptions.Open(images, videos, rig.Names, calibPath, offsets, truncateToShortest: offsets is not null);
        var order = source.Cameras.Select(rig.IndexOf).ToArray();
        var mp4 = output.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase);
        OverlayMosaic? mosaic = null;
        VideoFrameWriter? video = null;
        using var pngs = mp4 ? null : new PngSequenceWriter(output);
        try
        {
            var drawn = 0;
            while (source.ReadNext())
            {
                if (mosaic is null)
                {
                    var sizes = Enumerable.Range(0, source.Cameras.Count).Select(c => source.Image(c) is { } im ? (im.Width, im.Height) : (rig[order[c]].Width, rig[order[c]].Height)).ToList();
                    mosaic = new OverlayMosaic(sizes, tileHeight);
                    if (mp4)
                    {
                        video = VideoFrameWriter.Create(output, mosaic.Width, mosaic.Height, source.FrameRate ?? doc.FrameRate ?? 30);
                    }
                }

                IReadOnlyList<Person3D> people = byFrame.TryGetValue(source.FrameNumber, out var found) ? found : [];
                drawn += people.Count > 0 ? 1 : 0;
                for (var c = 0; c < source.Cameras.Count; c++)
                {
                    var image = source.Image(c);
                    mosaic.SetFrame(c, image is null ? default : image.Pixels, image?.Width ?? 0, image?.Height ?? 0);
                    mosaic.DrawPeople(c, rig[order[c]], people);
                }

                if (video is not null)
                {
                    video.Write(mosaic.Pixels);
                }
                else
                {
                    pngs!.Write(source.FrameNumber, mosaic.Pixels, mosaic.Width, mosaic.Height);
                }
            }

            video?.Complete();
            pngs?.Complete();
            Console.Error.WriteLine($"wrote {output}: {source.FrameCount} frames ({drawn} with people), {source.Cameras.Count} cameras side by side, {mosaic?.Width}x{mosaic?.Height}");
        }
        finally
        {
            video?.Dispose();
        }

        return ExitCodes.Ok;
    }
}
