using System.Globalization;
using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Export.Overlays;

/// <summary>
/// One picture per instant showing every camera side by side (left to right in camera order), each camera's frame scaled
/// to <see cref="TileHeight"/> rows, with the 3D people reprojected into it and drawn as bones and joints coloured by
/// person id (<see cref="SvgFigure.ColorOf"/>). RGB24 <c>[Height, Width, 3]</c>, even sides (for yuv420p video). One
/// buffer, reused for every instant.
/// </summary>
public sealed class OverlayMosaic
{
    private readonly int[] tileX;
    private readonly int[] tileWidth;
    private readonly double[] scale;

    /// <summary>Lays out the tiles for cameras of the given frame sizes (pixels).</summary>
    /// <param name="frameSizes">Width and height of each camera's frames.</param>
    /// <param name="tileHeight">Rows of every tile (≥ 16; rounded down to even).</param>
    public OverlayMosaic(IReadOnlyList<(int Width, int Height)> frameSizes, int tileHeight)
    {
        ArgumentNullException.ThrowIfNull(frameSizes);
        ArgumentOutOfRangeException.ThrowIfLessThan(tileHeight, 16);
        if (frameSizes.Count == 0 || frameSizes.Any(s => s.Width < 1 || s.Height < 1))
        {
            throw new ArgumentException("one positive frame size per camera", nameof(frameSizes));
        }

        TileHeight = tileHeight & ~1;
        tileX = new int[frameSizes.Count];
        tileWidth = new int[frameSizes.Count];
        scale = new double[frameSizes.Count];
        var x = 0;
        for (var c = 0; c < frameSizes.Count; c++)
        {
            scale[c] = TileHeight / (double)frameSizes[c].Height;
            tileX[c] = x;
            tileWidth[c] = Math.Max(2, (int)Math.Round(frameSizes[c].Width * scale[c]) & ~1);
            x += tileWidth[c];
        }

        Width = x;
        Height = TileHeight;
        Pixels = new byte[Width * Height * 3];
        LineRadius = Math.Max(1.0, TileHeight / 270.0);
    }

    /// <summary>Gets the mosaic width in pixels (even).</summary>
    public int Width { get; }

    /// <summary>Gets the mosaic height in pixels (even).</summary>
    public int Height { get; }

    /// <summary>Gets the rows of each tile (= <see cref="Height"/>).</summary>
    public int TileHeight { get; }

    /// <summary>Gets the mosaic's RGB24 pixels.</summary>
    public byte[] Pixels { get; }

    /// <summary>Gets or sets the half-width of drawn bones in mosaic pixels (joints are drawn 1.8× larger).</summary>
    public double LineRadius { get; set; }

    /// <summary>Copies a camera's frame (RGB24, original size) into its tile, bilinearly resampled; null fills the tile grey.</summary>
    /// <param name="camera">Camera index.</param>
    /// <param name="rgb">The frame, or null when the camera has no picture of this instant.</param>
    /// <param name="width">Frame width.</param>
    /// <param name="height">Frame height.</param>
    public void SetFrame(int camera, ReadOnlySpan<byte> rgb, int width, int height)
    {
        var w = tileWidth[camera];
        if (rgb.IsEmpty)
        {
            for (var y = 0; y < Height; y++)
            {
                Pixels.AsSpan(((y * Width) + tileX[camera]) * 3, w * 3).Fill(64);
            }

            return;
        }

        if (rgb.Length != width * height * 3)
        {
            throw new ArgumentException($"{width}x{height} RGB needs {width * height * 3} bytes, got {rgb.Length}", nameof(rgb));
        }

        var sx = width / (double)w;
        var sy = height / (double)Height;
        for (var y = 0; y < Height; y++)
        {
            var fy = Math.Clamp(((y + 0.5) * sy) - 0.5, 0, height - 1);
            var y0 = (int)fy;
            var y1 = Math.Min(y0 + 1, height - 1);
            var wy = fy - y0;
            var dst = ((y * Width) + tileX[camera]) * 3;
            for (var x = 0; x < w; x++)
            {
                var fx = Math.Clamp(((x + 0.5) * sx) - 0.5, 0, width - 1);
                var x0 = (int)fx;
                var x1 = Math.Min(x0 + 1, width - 1);
                var wx = fx - x0;
                for (var ch = 0; ch < 3; ch++)
                {
                    var top = rgb[(((y0 * width) + x0) * 3) + ch] + ((rgb[(((y0 * width) + x1) * 3) + ch] - rgb[(((y0 * width) + x0) * 3) + ch]) * wx);
                    var bottom = rgb[(((y1 * width) + x0) * 3) + ch] + ((rgb[(((y1 * width) + x1) * 3) + ch] - rgb[(((y1 * width) + x0) * 3) + ch]) * wx);
                    Pixels[dst + (x * 3) + ch] = (byte)Math.Clamp((int)Math.Round(top + ((bottom - top) * wy)), 0, 255);
                }
            }
        }
    }

    /// <summary>Draws the people reprojected through a camera into its tile (joints with confidence 0 and joints behind the camera are skipped).</summary>
    /// <param name="camera">Camera index (tile).</param>
    /// <param name="projection">The calibrated camera (world mm → original pixels).</param>
    /// <param name="people">The 3D people of this instant.</param>
    public void DrawPeople(int camera, Camera projection, IReadOnlyList<Person3D> people)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(people);
        foreach (var person in people)
        {
            var (r, g, b) = Rgb(SvgFigure.ColorOf(person.Id));
            var pixels = new (double X, double Y)?[person.Joints.Length];
            for (var j = 0; j < pixels.Length; j++)
            {
                if (person.Has(j) && projection.Project(person.Joints[j]) is { InFront: true } p)
                {
                    pixels[j] = (tileX[camera] + ((p.Pixel.X + 0.5) * scale[camera]) - 0.5, ((p.Pixel.Y + 0.5) * scale[camera]) - 0.5);
                }
            }

            foreach (var (a, c) in person.Skeleton.Bones)
            {
                if (pixels[a] is { } pa && pixels[c] is { } pc)
                {
                    Segment(camera, pa, pc, LineRadius, r, g, b);
                }
            }

            foreach (var p in pixels)
            {
                if (p is { } q)
                {
                    Segment(camera, q, q, LineRadius * 1.8, r, g, b);
                }
            }
        }
    }

    private static (byte R, byte G, byte B) Rgb(string hex) =>
        (byte.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         byte.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         byte.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    /// <summary>Fills every pixel of the tile within <paramref name="radius"/> of the segment a–b.</summary>
    private void Segment(int camera, (double X, double Y) a, (double X, double Y) b, double radius, byte r, byte g, byte bl)
    {
        var left = tileX[camera];
        var right = tileX[camera] + tileWidth[camera] - 1;
        var x0 = Math.Max(left, (int)Math.Floor(Math.Min(a.X, b.X) - radius));
        var x1 = Math.Min(right, (int)Math.Ceiling(Math.Max(a.X, b.X) + radius));
        var y0 = Math.Max(0, (int)Math.Floor(Math.Min(a.Y, b.Y) - radius));
        var y1 = Math.Min(Height - 1, (int)Math.Ceiling(Math.Max(a.Y, b.Y) + radius));
        if (x0 > x1 || y0 > y1 || (long)(x1 - x0) * (y1 - y0) > 4L * Width * Height)
        {
            return;
        }

        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        var len2 = (dx * dx) + (dy * dy);
        var r2 = radius * radius;
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                var t = len2 <= 0 ? 0 : Math.Clamp((((x - a.X) * dx) + ((y - a.Y) * dy)) / len2, 0, 1);
                var ex = x - (a.X + (t * dx));
                var ey = y - (a.Y + (t * dy));
                if ((ex * ex) + (ey * ey) <= r2)
                {
                    var i = ((y * Width) + x) * 3;
                    Pixels[i] = r;
                    Pixels[i + 1] = g;
                    Pixels[i + 2] = bl;
                }
            }
        }
    }
}
