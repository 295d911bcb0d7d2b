using System.Globalization;

namespace Polypose.Formats.Detections;

/// <summary>
/// Matches detection folder or file names (entries) to calibration camera names. Rules, tried in order for every still
/// unmatched entry against the cameras not yet taken: (1) equal names, ignoring case; (2) the camera name appears as a
/// whole word in the entry (<c>cam01</c> ↔ <c>cam01_json</c>, words split at non-alphanumeric characters); (3) the
/// entry's only number equals the camera name's last number (<c>0</c> ↔ <c>cam0_json</c>, <c>cam1</c> ↔
/// <c>camera01</c>). A rule that offers an entry two cameras, or one camera to two entries, is an error that says which
/// names did not match which; so is an entry that matches no camera. Calibration cameras without an entry are left out
/// (or are an error when every camera must have detections).
/// </summary>
internal static class CameraMatcher
{
    private const int ListedNames = 8;

    /// <summary>
    /// The matched (camera index, entry index) pairs in calibration camera order. Throws naming the names involved for an
    /// ambiguous or unmatched entry, when no camera matches, and (when <paramref name="everyCamera"/>) for a camera
    /// without an entry.
    /// </summary>
    public static IReadOnlyList<(int Camera, int Entry)> Match(IReadOnlyList<string> cameras, IReadOnlyList<string> entries, string folder, string what, bool everyCamera)
    {
        var cameraOf = Enumerable.Repeat(-1, entries.Count).ToArray();
        var taken = new bool[cameras.Count];
        (Func<string, string, bool> Rule, string How)[] rules =
        [
            (Equal, "by name"),
            (WholeWord, "by containing the camera's name"),
            (SameNumber, "by number only"),
        ];
        foreach (var (rule, how) in rules)
        {
            var claims = new int[entries.Count];
            for (var e = 0; e < entries.Count; e++)
            {
                claims[e] = -1;
                if (cameraOf[e] >= 0)
                {
                    continue;
                }

                var hits = Enumerable.Range(0, cameras.Count).Where(c => !taken[c] && rule(cameras[c], entries[e])).ToList();
                if (hits.Count > 1)
                {
                    throw new PolyposeFormatException(
                        folder,
                        $"{Singular(what)} '{entries[e]}' matches no calibration camera exactly, and {how} it could be any of {hits.Count} cameras: {List(hits.Select(h => cameras[h]))}; rename it to the calibration camera's name");
                }

                claims[e] = hits.Count == 1 ? hits[0] : -1;
            }

            for (var e = 0; e < entries.Count; e++)
            {
                if (claims[e] < 0)
                {
                    continue;
                }

                var other = Array.IndexOf(claims, claims[e], e + 1);
                if (other >= 0)
                {
                    throw new PolyposeFormatException(
                        folder,
                        $"{what} '{entries[e]}' and '{entries[other]}' both match calibration camera '{cameras[claims[e]]}' ({how}); rename one of them to the camera it belongs to");
                }

                cameraOf[e] = claims[e];
                taken[claims[e]] = true;
            }
        }

        var missing = Enumerable.Range(0, cameras.Count).Where(c => !taken[c]).ToList();
        var unmatched = Enumerable.Range(0, entries.Count).Where(e => cameraOf[e] < 0).ToList();
        if (unmatched.Count > 0)
        {
            var left = missing.Count == 0 ? "every calibration camera already has one" : $"calibration camera(s) without detections: {List(missing.Select(c => $"camera '{cameras[c]}'"))}";
            throw new PolyposeFormatException(
                folder,
                $"camera count mismatch: {what} {List(unmatched.Select(e => $"'{entries[e]}'"))} match no calibration camera (unmatched: {List(unmatched.Select(e => entries[e]))}; {left})");
        }

        if (everyCamera && missing.Count > 0)
        {
            var found = entries.Count == 0 ? "none" : List(entries);
            throw new PolyposeFormatException(folder, $"no {what} for camera '{cameras[missing[0]]}' (calibration cameras: {List(cameras)}; found: {found})");
        }

        if (entries.Count == 0)
        {
            throw new PolyposeFormatException(folder, $"no {what} found for the calibration cameras ({List(cameras)})");
        }

        return [.. Enumerable.Range(0, entries.Count).Select(e => (cameraOf[e], e)).OrderBy(p => p.Item1)];
    }

    /// <summary>Names joined by ", ", the first <see cref="ListedNames"/> and then "and N more".</summary>
    public static string List(IEnumerable<string> names)
    {
        var all = names.ToList();
        return all.Count <= ListedNames ? string.Join(", ", all) : $"{string.Join(", ", all.Take(ListedNames))} and {all.Count - ListedNames} more";
    }

    private static string Singular(string what) => what.Replace("folders", "folder", StringComparison.Ordinal).Replace("files", "file", StringComparison.Ordinal);

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
