using Polypose.Core.Poses;
using Polypose.Core.Skeletons;

namespace Polypose.Formats.Detections;

/// <summary>
/// The 2D detections of a multi-camera recording, opened from a folder and streamed frame by frame. Layouts:
/// <list type="bullet">
/// <item>4D Association: <c>&lt;camera&gt;.txt</c> per camera in the folder's <c>detection/</c> sub-folder when it has .txt files, else in the folder →
/// <see cref="DetectionFrame.Paf"/> (frame index = <see cref="DetectionSourceOptions.FirstFrameIndex"/> + position).</item>
/// <item>Pose2Sim/OpenPose: one sub-folder per camera (<c>cam01</c>, <c>cam01_json</c>, …) of per-frame
/// <c>*_000123_keypoints.json</c> files, or holding one COCO result file; or a COCO result file <c>&lt;camera&gt;.json</c>
/// per camera → <see cref="DetectionFrame.People"/>. Frames are aligned by the number in the file names
/// (<see cref="FrameNumbers"/>); a view without a file for a frame is empty.</item>
/// </list>
/// Detection names are matched to cameras as <see cref="CameraMatcher"/> documents; an ambiguous or extra entry (camera
/// count mismatch), a missing camera (unless <see cref="DetectionSourceOptions.RequireEveryCamera"/> is false: it is
/// then left out) or differing 4DA frame counts throw <see cref="PolyposeFormatException"/> naming them.
/// </summary>
public sealed class DetectionSource
{
    private readonly FourDAssociationDetectionFile[]? _fourDa;
    private readonly KeypointView[]? _views;
    private readonly Skeleton? _skeleton;

    private DetectionSource(IReadOnlyList<string> cameraNames, IReadOnlyList<string> viewPaths, IReadOnlyList<int> frames, FourDAssociationDetectionFile[]? fourDa, KeypointView[]? views, Skeleton? skeleton)
    {
        CameraNames = cameraNames;
        ViewPaths = viewPaths;
        FrameIndices = frames;
        _fourDa = fourDa;
        _views = views;
        _skeleton = skeleton;
    }

    /// <summary>What <see cref="Frames"/> yields.</summary>
    public DetectionInputKind Kind => _fourDa is not null ? DetectionInputKind.FourDAssociationPaf : DetectionInputKind.Keypoints;

    /// <summary>
    /// The names of the cameras that have detections, in view order (the order given to <see cref="Open"/>; all of
    /// them unless <see cref="DetectionSourceOptions.RequireEveryCamera"/> is false).
    /// </summary>
    public IReadOnlyList<string> CameraNames { get; }

    /// <summary>The file (4DA, COCO) or folder (OpenPose) each view reads, in view order.</summary>
    public IReadOnlyList<string> ViewPaths { get; }

    /// <summary>The frame indices <see cref="Frames"/> yields, ascending: 4DA positions, or the union over views of JSON frame numbers.</summary>
    public IReadOnlyList<int> FrameIndices { get; }

    /// <summary>Opens a detections folder for the cameras (name, image width and height in pixels) in view order.</summary>
    public static DetectionSource Open(string path, IReadOnlyList<(string Name, int Width, int Height)> cameras, DetectionSourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        options ??= new DetectionSourceOptions();
        if (!Directory.Exists(path))
        {
            throw new PolyposeFormatException(path, File.Exists(path) ? "expected a detections folder but got a file" : "detections folder not found");
        }

        var names = cameras.Select(c => c.Name).ToList();
        var dir = path;
        var sub = Path.Combine(dir, "detection");
        if (Directory.Exists(sub) && Directory.GetFiles(sub, "*.txt").Length > 0)
        {
            dir = sub;
        }

        var txt = Directory.GetFiles(dir, "*.txt").Order(StringComparer.Ordinal).ToList();
        return txt.Count > 0 ? OpenFourDa(dir, txt, cameras, names, options) : OpenJson(path, names, options);
    }

    /// <summary>
    /// Streams the frames in <see cref="FrameIndices"/> order, reading each frame's files as it goes (4DA files are held
    /// in memory and parsed lazily). Format errors surface during enumeration.
    /// </summary>
    public IEnumerable<DetectionFrame> Frames()
    {
        if (_fourDa is not null)
        {
            var enumerators = _fourDa.Select(f => f.Frames().GetEnumerator()).ToArray();
            try
            {
                foreach (var index in FrameIndices)
                {
                    var views = new PafFrame[enumerators.Length];
                    for (var v = 0; v < enumerators.Length; v++)
                    {
                        enumerators[v].MoveNext();
                        views[v] = enumerators[v].Current;
                    }

                    yield return new DetectionFrame(index, views, null);
                }

                // Run each file to its end so trailing tokens are reported.
                foreach (var e in enumerators)
                {
                    e.MoveNext();
                }
            }
            finally
            {
                foreach (var e in enumerators)
                {
                    e.Dispose();
                }
            }

            yield break;
        }

        var skeleton = _skeleton;
        foreach (var index in FrameIndices)
        {
            var people = new IReadOnlyList<Person2D>[_views!.Length];
            for (var v = 0; v < people.Length; v++)
            {
                people[v] = _views[v].Get(index, ref skeleton);
            }

            yield return new DetectionFrame(index, null, people);
        }
    }

    private static DetectionSource OpenFourDa(string dir, List<string> txt, IReadOnlyList<(string Name, int Width, int Height)> cameras, List<string> names, DetectionSourceOptions options)
    {
        var stems = txt.Select(f => Path.GetFileNameWithoutExtension(f)).ToList();
        var match = CameraMatcher.Match(names, stems, dir, "detection files (*.txt)", options.RequireEveryCamera);
        var files = new FourDAssociationDetectionFile[match.Count];
        for (var v = 0; v < match.Count; v++)
        {
            var camera = cameras[match[v].Camera];
            files[v] = FourDAssociationDetectionFile.Open(txt[match[v].Entry], camera.Width, camera.Height);
            if (files[v].FrameCount != files[0].FrameCount)
            {
                throw new PolyposeFormatException(files[v].FilePath, $"expected {files[0].FrameCount} frames like '{Path.GetFileName(files[0].FilePath)}' but the header says {files[v].FrameCount}", 1, null, "header, frame count");
            }
        }

        var frames = files.Length == 0 ? [] : Enumerable.Range(options.FirstFrameIndex, files[0].FrameCount).ToArray();
        return new DetectionSource([.. match.Select(m => names[m.Camera])], [.. files.Select(f => f.FilePath)], frames, files, null, null);
    }

    private static DetectionSource OpenJson(string dir, List<string> names, DetectionSourceOptions options)
    {
        var folders = Directory.GetDirectories(dir)
            .Where(d => Directory.EnumerateFiles(d, "*.json").Any())
            .Order(StringComparer.Ordinal)
            .ToList();
        var entries = folders.Select(Path.GetFileName).Select(n => n ?? string.Empty).ToList();
        var paths = new List<string>(folders);
        if (folders.Count == 0)
        {
            var jsonFiles = Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal).ToList();
            var cocoFiles = jsonFiles.Where(f => JsonInput.FirstChar(f) == '[').ToList();
            foreach (var other in jsonFiles.Except(cocoFiles))
            {
                // A file named after a calibration camera that is not a COCO result array is a broken detection file, not
                // a camera without detections: report what is wrong with it rather than leaving the camera out.
                var stem = Path.GetFileNameWithoutExtension(other);
                if (names.Contains(stem, StringComparer.Ordinal))
                {
                    _ = KeypointView.FromCocoFile(other, options.Skeleton);
                    throw new PolyposeFormatException(other, $"expected a COCO keypoint result array (a JSON array of detections) for camera '{stem}'");
                }
            }

            entries = [.. cocoFiles.Select(f => Path.GetFileNameWithoutExtension(f))];
            paths = cocoFiles;
        }

        if (paths.Count == 0)
        {
            throw new PolyposeFormatException(dir, "no detections found: expected <camera>.txt files (4D Association), camera sub-folders of OpenPose/COCO JSON, or <camera>.json COCO result files");
        }

        var match = CameraMatcher.Match(names, entries, dir, folders.Count > 0 ? "camera folders" : "COCO result files", options.RequireEveryCamera);
        var views = new KeypointView[match.Count];
        for (var v = 0; v < match.Count; v++)
        {
            var p = paths[match[v].Entry];
            views[v] = Directory.Exists(p) ? KeypointView.FromFolder(p, options.Skeleton) : KeypointView.FromCocoFile(p, options.Skeleton);
        }

        var frames = views.SelectMany(v => v.Frames).Distinct().Order().ToArray();
        return new DetectionSource([.. match.Select(m => names[m.Camera])], [.. views.Select(v => v.Path)], frames, null, views, options.Skeleton);
    }
}
