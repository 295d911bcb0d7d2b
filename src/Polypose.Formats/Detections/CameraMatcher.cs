using System.Globalization;

namespace Polypose.Formats.Detections;

/// <summary>
/// Matches calibration camera names to detection folder or file names. Rules, tried in order for every still
/// unmatched camera: (1) equal names, ignoring case; (2) the camera name appears as a whole word in the entry
/// (<c>cam01</c> ↔ <c>cam01_json</c>, words split at non-alphanumeric characters); (3) the entry's only number equals
/// the camera name's last number (<c>0</c> ↔ <c>cam0_json</c>, <c>cam1</c> ↔ <c>camera01</c>). A rule that offers a
/// camera two entries, or one entry to two cameras, is an error.
/// </summary>
internal static class CameraMatcher
{
    /// <summary>For each camera, the index of its entry; throws naming a camera without one and listing the entries.</summary>
    public static int[] Match(IReadOnlyList<string> cameras, IReadOnlyList<string> entries, string folder, string what)
    {
        var match = Enumerable.Repeat(-1, cameras.Count).ToArray();
        var taken = new bool[entries.Count];
        Func<string, string, bool>[] rules = [Equal, WholeWord, SameNumber];
        foreach (var rule in rules)
        {
            var claims = new int[cameras.Count];
            for (var c = 0; c < cameras.Count; c++)
            {
                claims[c] = -1;
                if (match[c] >= 0)
                {
                    continue;
                }

                var hits = Enumerable.Range(0, entries.Count).Where(e => !taken[e] && rule(cameras[c], entries[e])).ToList();
                if (hits.Count > 1)
                {
                    throw new PolyposeFormatException(folder, $"camera '{cameras[c]}' matches several {what}: {string.Join(", ", hits.Select(h => entries[h]))}; rename them so each camera has one");
                }

                claims[c] = hits.Count == 1 ? hits[0] : -1;
            }

            for (var c = 0; c < cameras.Count; c++)
            {
                if (claims[c] < 0)
                {
                    continue;
                }

                var other = Array.IndexOf(claims, claims[c], c + 1);
                if (other >= 0)
                {
                    throw new PolyposeFormatException(folder, $"{what} '{entries[claims[c]]}' matches both cameras '{cameras[c]}' and '{cameras[other]}'");
                }

                match[c] = claims[c];
                taken[claims[c]] = true;
            }
        }

        for (var c = 0; c < cameras.Count; c++)
        {
            if (match[c] < 0)
            {
                var found = entries.Count == 0 ? "none" : string.Join(", ", entries);
                throw new PolyposeFormatException(folder, $"no {what} for camera '{cameras[c]}' (calibration cameras: {string.Join(", ", cameras)}; found: {found})");
            }
        }

        if (entries.Count != cameras.Count)
        {
            var extra = entries.Where((_, i) => !taken[i]);
            throw new PolyposeFormatException(folder, $"camera count mismatch: the calibration has {cameras.Count} cameras but there are {entries.Count} {what} (unmatched: {string.Join(", ", extra)})");
        }

        return match;
    }

    private static bool Equal(string camera, string entry) => string.Equals(camera, entry, StringComparison.OrdinalIgnoreCase);

    private static bool WholeWord(string camera, string entry)
    {
        for (var at = entry.IndexOf(camera, StringComparison.OrdinalIgnoreCase); at >= 0; at = entry.IndexOf(camera, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + camera.Length;
            if ((at == 0 || !char.IsLetterOrDigit(entry[at - 1])) && (end == entry.Length || !char.IsLetterOrDigit(entry[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameNumber(string camera, string entry)
    {
        var cam = Numbers(camera);
        var ent = Numbers(entry);
        return cam.Count > 0 && ent.Count == 1 && cam[^1] == ent[0];
    }

    private static List<long> Numbers(string s)
    {
        var list = new List<long>();
        for (var i = 0; i < s.Length;)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (long.TryParse(s.AsSpan(start, Math.Min(i - start, 18)), NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            {
                list.Add(v);
            }
        }

        return list;
    }
}
