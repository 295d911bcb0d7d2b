using System.Globalization;
using System.Text.Json;
using Polypose.Formats;

namespace Polypose.Video.Decoding;

/// <summary>Reads a video's stream information with ffprobe (no decoding; the frame count falls back to counting packets).</summary>
public static class VideoProbe
{
    /// <summary>
    /// Probes the first video stream. Throws <see cref="FileNotFoundException"/> when the file is missing,
    /// <see cref="PolyposeFormatException"/> (one line naming the file) when ffprobe cannot read it or it holds no video,
    /// and <see cref="FfmpegMissingException"/> when ffprobe is not installed.
    /// </summary>
    public static VideoStreamInfo Probe(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"video not found: {path}", path);
        }

        var info = Query(path, countPackets: false);
        return info.FrameCount > 0 ? info : Query(path, countPackets: true);
    }

    private static VideoStreamInfo Query(string path, bool countPackets)
    {
        List<string> args = ["-v", "error", "-select_streams", "v:0"];
        if (countPackets)
        {
            args.Add("-count_packets");
        }

        args.AddRange(["-show_streams", "-of", "json", "--", path]);
        var (code, output, error) = FfmpegTools.Run("ffprobe", args);
        if (code != 0)
        {
            throw new PolyposeFormatException(path, "ffprobe cannot read this video: " + FfmpegTools.FirstLine(StripPath(error, path), $"exit code {code}"));
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(output);
        }
        catch (JsonException)
        {
            throw new PolyposeFormatException(path, "ffprobe gave unreadable stream information");
        }

        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("streams", out var streams) || streams.ValueKind != JsonValueKind.Array || streams.GetArrayLength() == 0)
            {
                throw new PolyposeFormatException(path, "the file holds no video stream");
            }

            var s = streams[0];
            var codec = Str(s, "codec_name") ?? "unknown";
            var w = Int(s, "width");
            var h = Int(s, "height");
            if (w <= 0 || h <= 0)
            {
                throw new PolyposeFormatException(path, $"the video stream ({codec}) has no frame size; it cannot be decoded");
            }

            if (!FrameRate.TryParse(Str(s, "avg_frame_rate"), out var rate) && !FrameRate.TryParse(Str(s, "r_frame_rate"), out rate))
            {
                throw new PolyposeFormatException(path, "the video stream has no frame rate");
            }

            var frames = Int(s, countPackets ? "nb_read_packets" : "nb_frames");
            if (countPackets && frames <= 0)
            {
                throw new PolyposeFormatException(path, "the video stream holds no frames");
            }

            return new VideoStreamInfo(path, codec, w, h, RotationOf(s), rate, frames);
        }
    }

    private static int RotationOf(JsonElement s)
    {
        double deg = 0;
        if (s.TryGetProperty("side_data_list", out var side) && side.ValueKind == JsonValueKind.Array)
        {
            foreach (var d in side.EnumerateArray())
            {
                if (d.TryGetProperty("rotation", out var r) && r.ValueKind == JsonValueKind.Number)
                {
                    deg = r.GetDouble();
                }
            }
        }
        else if (s.TryGetProperty("tags", out var tags) && Str(tags, "rotate") is { } rotate &&
                 double.TryParse(rotate, NumberStyles.Float, CultureInfo.InvariantCulture, out var t))
        {
            deg = -t;
        }

        var q = (int)Math.Round(deg / 90) * 90;
        return ((q % 360) + 360) % 360;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int Int(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return 0;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt32(out var i) => i,
            JsonValueKind.String when int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
            _ => 0,
        };
    }

    /// <summary>ffmpeg prefixes messages with the file name; the exception names the file already.</summary>
    internal static string StripPath(string error, string path) => error.Replace(path + ": ", string.Empty, StringComparison.Ordinal);
}
