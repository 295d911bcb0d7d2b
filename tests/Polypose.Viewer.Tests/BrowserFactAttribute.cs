namespace Polypose.Viewer.Tests;

/// <summary>
/// A fact that drives Debian's chromium through Playwright; skipped, with the reason shown, when /usr/bin/chromium is
/// absent (apt-get install chromium) or when the page's script bundle was not built (node and npm absent at build time).
/// </summary>
internal sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(BrowserSession.ChromiumPath))
        {
            Skip = $"needs chromium at {BrowserSession.ChromiumPath} (apt-get install -y chromium; .ci/run installs it)";
        }
        else if (!ViewerAssets.HasBundle)
        {
            Skip = "the viewer's script bundle was not built: node and npm were absent when Polypose.Viewer was built";
        }
    }
}
