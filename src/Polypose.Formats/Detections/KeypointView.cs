using System.Globalization;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;

namespace Polypose.Formats.Detections;

/// <summary>
/// One camera's keypoint detections: a folder of OpenPose per-frame files or one COCO result file. A folder is indexed
/// once (its listing is streamed) and each frame's file is read when that frame is asked for, so long sequences are not
/// held in memory: when every file name is the same pattern around a zero-padded frame number (what OpenPose, Pose2Sim
/// and <c>polypose synth</c> write) the index is one sorted <see cref="int"/> per file, else the names are kept too.
/// </summary>
internal sealed class KeypointView
{
    private readonly FolderIndex? _files;
    private readonly IReadOnlyDictionary<int, IReadOnlyList<Person2D>>? _coco;

    private KeypointView(string path, FolderIndex? files, IReadOnlyDictionary<int, IReadOnlyList<Person2D>>? coco)
    {
        Path = path;
        _files = files;
        _coco = coco;
    }

    /// <summary>The folder or file the view reads.</summary>
    public string Path { get; }

    /// <summary>The frame indices this view has detections (or a file) for, ascending.</summary>
    public IEnumerable<int> Frames => _files?.Frames ?? _coco!.Keys;

    /// <summary>A COCO result file, loaded now.</summary>
    public static KeypointView FromCocoFile(string file, Skeleton? skeleton) =>
        new(file, null, CocoKeypointResults.ReadByFrame(file, skeleton));

    /// <summary>A folder of per-frame OpenPose files, or of a single COCO result file.</summary>
    public static KeypointView FromFolder(string folder, Skeleton? skeleton)
    {
        string? first = null;
        var many = false;
        foreach (var f in Directory.EnumerateFiles(folder, "*.json"))
        {
            if (first is null)
            {
                first = f;
            }
            else
            {
                many = true;
                break;
            }
        }

        if (!many && first is not null && JsonInput.FirstChar(first) == '[')
        {
            return FromCocoFile(first, skeleton);
        }

        return new KeypointView(folder, FolderIndex.Build(folder), null);
    }

    /// <summary>The persons of a frame (empty when the view has none); checks the skeleton stays the same.</summary>
    public IReadOnlyList<Person2D> Get(int frame, ref Skeleton? skeleton)
    {
        IReadOnlyList<Person2D> people;
        string file;
        if (_files is not null)
        {
            if (_files.PathOf(frame) is not { } f)
            {
                return [];
            }

            file = f;
            people = OpenPoseJson.Read(f, skeleton);
        }
        else
        {
            file = Path;
            people = _coco!.TryGetValue(frame, out var p) ? p : [];
        }

        foreach (var person in people)
        {
            if (skeleton is not null && person.Skeleton.Name != skeleton.Name)
            {
                throw new PolyposeFormatException(file, $"expected {skeleton.Name} keypoints like the other views but got {person.Skeleton.Name} ({person.Skeleton.JointCount} joints)", place: $"frame {frame}");
            }

            skeleton ??= person.Skeleton;
        }

        return people;
    }

    /// <summary>
    /// The per-frame files of a folder: sorted frame numbers, and either one name pattern (prefix + the number padded to
    /// a width + suffix) shared by every file or, when the names differ in another way, each file's name.
    /// </summary>
    private sealed class FolderIndex
    {
        private readonly string _folder;
        private readonly int[] _frames;
        private readonly string[]? _names;
        private readonly string _prefix;
        private readonly string _suffix;
        private readonly int _width;

        private FolderIndex(string folder, int[] frames, string[]? names, string prefix, string suffix, int width)
        {
            _folder = folder;
            _frames = frames;
            _names = names;
            _prefix = prefix;
            _suffix = suffix;
            _width = width;
        }

        public IEnumerable<int> Frames => _frames;

        public static FolderIndex Build(string folder)
        {
            var frames = new List<int>();
            List<string>? names = null;
            string? prefix = null, suffix = null;
            var width = 0;
            foreach (var path in Directory.EnumerateFiles(folder, "*.json"))
            {
                if (!FrameNumbers.TryParse(path, out var frame))
                {
                    throw new PolyposeFormatException(path, "cannot read a frame number from the file name (expected e.g. 'name_000123_keypoints.json')");
                }

                var name = System.IO.Path.GetFileName(path);
                if (prefix is null && names is null)
                {
                    (prefix, suffix, width) = Pattern(name);
                }

                if (names is null && name != Name(prefix!, suffix!, width, frame))
                {
                    // The names do not share one pattern: keep every name (the ones seen so far follow the pattern).
                    names = [.. frames.Select(f => Name(prefix!, suffix!, width, f))];
                }

                frames.Add(frame);
                names?.Add(name);
            }

            var frameArray = frames.ToArray();
            var nameArray = names?.ToArray();
            if (nameArray is null)
            {
                Array.Sort(frameArray);
            }
            else
            {
                Array.Sort(frameArray, nameArray);
            }

            for (var i = 1; i < frameArray.Length; i++)
            {
                if (frameArray[i] == frameArray[i - 1])
                {
                    var a = nameArray?[i - 1] ?? Name(prefix!, suffix!, width, frameArray[i]);
                    var b = nameArray?[i] ?? a;
                    var (later, earlier) = string.CompareOrdinal(a, b) <= 0 ? (b, a) : (a, b);
                    throw new PolyposeFormatException(System.IO.Path.Combine(folder, later), $"frame {frameArray[i]} appears twice in the folder (also in '{earlier}')");
                }
            }

            return new FolderIndex(folder, frameArray, nameArray, prefix ?? string.Empty, suffix ?? string.Empty, width);
        }

        /// <summary>The file of <paramref name="frame"/>, or null when the folder has none.</summary>
        public string? PathOf(int frame)
        {
            var i = Array.BinarySearch(_frames, frame);
            return i < 0 ? null : System.IO.Path.Combine(_folder, _names?[i] ?? Name(_prefix, _suffix, _width, frame));
        }

        private static string Name(string prefix, string suffix, int width, int frame) =>
            prefix + frame.ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + suffix;

        /// <summary>Splits a name around the digits <see cref="FrameNumbers"/> reads: (text before, text after, digit count).</summary>
        private static (string Prefix, string Suffix, int Width) Pattern(string name)
        {
            var ext = System.IO.Path.GetExtension(name);
            var stem = name[..^ext.Length];
            var end = stem.EndsWith("_keypoints", StringComparison.OrdinalIgnoreCase) ? stem.Length - "_keypoints".Length : stem.Length;
            while (end > 0 && !char.IsAsciiDigit(stem[end - 1]))
            {
                end--;
            }

            var start = end;
            while (start > 0 && char.IsAsciiDigit(stem[start - 1]))
            {
                start--;
            }

            return (name[..start], name[end..], end - start);
        }
    }
}
