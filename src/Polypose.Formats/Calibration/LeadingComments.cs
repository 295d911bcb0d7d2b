namespace Polypose.Formats.Calibration;

/// <summary>Skips the comments JSON files may start with (accepted on purpose: the JSON readers skip comments too).</summary>
internal static class LeadingComments
{
    /// <summary>The text after any leading <c>// ...</c> lines and <c>/* ... */</c> blocks and the white space between them.</summary>
    public static ReadOnlySpan<char> SkipJson(ReadOnlySpan<char> text)
    {
        while (true)
        {
            text = text.TrimStart();
            if (text.StartsWith("//", StringComparison.Ordinal))
            {
                var eol = text.IndexOf('\n');
                text = eol < 0 ? [] : text[(eol + 1)..];
            }
            else if (text.StartsWith("/*", StringComparison.Ordinal))
            {
                var end = text[2..].IndexOf("*/", StringComparison.Ordinal);
                text = end < 0 ? [] : text[(end + 4)..];
            }
            else
            {
                return text;
            }
        }
    }
}
