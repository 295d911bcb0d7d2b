using Polypose.Video.Decoding;
using Polypose.Video.Encoders;

namespace Polypose.Video.Tests.Encoders;

public sealed class VideoFrameWriterTests
{
    [FfmpegFact]
    public void WrittenFrames_DecodeBackWithTheirSizeCountAndColours()
    {
        var dir = Directory.CreateTempSubdirectory("polypose-writer-").FullName;
        try
        {
            var path = Path.Combine(dir, "out.mp4");
            const int width = 64, height = 48, frames = 6;
            using (var writer = VideoFrameWriter.Create(path, width, height, 30))
            {
                for (var f = 0; f < frames; f++)
                {
                    var rgb = new byte[width * height * 3];
                    for (var i = 0; i < width * height; i++)
                    {
                        rgb[(i * 3) + (f % 3)] = 200; // frame f is pure red, green or blue
                    }

                    writer.Write(rgb);
                }

                writer.Complete();
            }

            Assert.Equal([path], Directory.GetFiles(dir));
            using var reader = VideoFrameReader.Open(path);
            Assert.Equal((width, height, frames), (reader.Width, reader.Height, reader.Info.FrameCount));
            for (var f = 0; f < frames; f++)
            {
                Assert.True(reader.ReadNext());
                var centre = ((height / 2 * width) + (width / 2)) * 3;
                for (var c = 0; c < 3; c++)
                {
                    var expected = c == f % 3 ? 200 : 0;
                    Assert.InRange(reader.Pixels[centre + c], expected - 20, expected + 20);
                }
            }

            Assert.False(reader.ReadNext());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [FfmpegFact]
    public void DisposedWithoutComplete_LeavesNothing()
    {
        var dir = Directory.CreateTempSubdirectory("polypose-writer-").FullName;
        try
        {
            using (var writer = VideoFrameWriter.Create(Path.Combine(dir, "out.mp4"), 16, 16, 25))
            {
                writer.Write(new byte[16 * 16 * 3]);
            }

            Assert.Empty(Directory.GetFileSystemEntries(dir));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
