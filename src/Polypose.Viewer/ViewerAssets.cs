using System.Text;

namespace Polypose.Viewer;

/// <summary>
/// The page's files, embedded in this assembly at build time: <c>index.html</c> and <c>viewer.js</c> (three.js and
/// web/src bundled by esbuild). When the build had no npm the bundle is absent and <see cref="Script"/> is a short
/// script that says so on the page (<see cref="HasBundle"/> is then false).
/// </summary>
public static class ViewerAssets
{
    private static readonly Lazy<byte[]?> Bundle = new(() => Read("viewer/viewer.js"));
    private static readonly Lazy<byte[]> Page = new(() => Read("viewer/index.html") ?? throw new InvalidOperationException("viewer/index.html is not embedded in Polypose.Viewer"));

    /// <summary>Whether the real script bundle was embedded (npm was available at build time).</summary>
    public static bool HasBundle => Bundle.Value is not null;

    /// <summary>The page (UTF-8 HTML).</summary>
    public static byte[] Html => Page.Value;

    /// <summary>The page's script (UTF-8 JavaScript).</summary>
    public static byte[] Script => Bundle.Value ?? Encoding.UTF8.GetBytes(
        "document.getElementById('status').textContent = 'The viewer script was not built: install node and npm, then rebuild Polypose.Viewer.';");

    private static byte[]? Read(string name)
    {
        using var stream = typeof(ViewerAssets).Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
