using Polypose.Core.Poses;
using Polypose.Core.Skeletons;

namespace Polypose.Formats.Detections;

/// <summary>One camera's keypoint detections: a folder of OpenPose per-frame files or one COCO result file.</summary>
internal sealed class KeypointView
{
    private readonly SortedDictionary<int, string>? _files;
    private readonly IReadOnlyDictionary<int, IReadOnlyList<Person2D>>? _coco;

    private KeypointView(string path, SortedDictionary<int, string>? files, IReadOnlyDictionary<int, IReadOnlyList<Person2D>>? coco)
    {
        Path = path;
        _files = files;
        _coco = coco;
    }

    /// <summary>The folder or file the view reads.</summary>
    public string Path { get; }

    /// <summary>The frame indices this view has detections (or a file) for.</summary>
    public IEnumerable<int> Frames => _files?.Keys ?? _coco!.Keys;

    /// <summary>A COCO result file, loaded now.</summary>
    public static KeypointView FromCocoFile(string file, Skeleton? skeleton) =>
        new(file, null, CocoKeypointResults.ReadByFrame(file, skeleton));

    /// <summary>A folder of per-frame OpenPose files, or of a single COCO result file.</summary>
    public static KeypointView FromFolder(string folder, Skeleton? skeleton)
    {
        var jsons = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        if (jsons.Count == 1 && JsonInput.FirstChar(jsons[0]) == '[')
        {
            return FromCocoFile(jsons[0], skeleton);
        }

        var files = new SortedDictionary<int, string>();
        foreach (var f in jsons)
        {
            if (!FrameNumbers.TryParse(f, out var frame))
            {
                throw new PolyposeFormatException(f, "cannot read a frame number from the file name (expected e.g. 'name_000123_keypoints.json')");
            }

            if (!files.TryAdd(frame, f))
            {
                throw new PolyposeFormatException(f, $"frame {frame} appears twice in the folder (also in '{System.IO.Path.GetFileName(files[frame])}')");
            }
        }

        return new KeypointView(folder, files, null);
    }

    /// <summary>The persons of a frame (empty when the view has none); checks the skeleton stays the same.</summary>
    public IReadOnlyList<Person2D> Get(int frame, ref Skeleton? skeleton)
    {
        IReadOnlyList<Person2D> people;
        string file;
        if (_files is not null)
        {
            if (!_files.TryGetValue(frame, out var f))
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
}
