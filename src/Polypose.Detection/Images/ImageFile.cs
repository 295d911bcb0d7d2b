using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Polypose.Detection.Images;

/// <summary>Decodes image files (JPEG, PNG, BMP, GIF, TGA, TIFF, WebP) to <see cref="RgbImage"/> with ImageSharp.</summary>
public static class ImageFile
{
    /// <summary>Reads one image file.</summary>
    /// <exception cref="ImageFileException">The file is missing or not a readable image; the message names it.</exception>
    public static RgbImage Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ImageFileException($"{path}: image file not found");
        }

        try
        {
            using var image = Image.Load<Rgb24>(path);
            var pixels = new byte[image.Width * image.Height * 3];
            image.CopyPixelDataTo(pixels);
            return new RgbImage(image.Width, image.Height, pixels);
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or NotSupportedException or IOException)
        {
            throw new ImageFileException($"{path}: not a readable image ({e.Message.Split('\n', 2)[0].Trim().TrimEnd(':')})", e);
        }
    }
}
