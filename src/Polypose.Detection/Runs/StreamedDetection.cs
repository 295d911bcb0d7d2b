using System.Diagnostics;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Detection.MoveNet;
using Polypose.Detection.Sources;
using Polypose.Formats.Detections;

namespace Polypose.Detection.Runs;

/// <summary>
/// MoveNet MultiPose over an <see cref="IMultiCameraFrameSource"/>, one instant at a time, as a stream that the next
/// stage (association, reconstruction) pulls: <see cref="Instants"/> decodes and detects an instant only when it is
/// asked for the next one, so nothing per frame is held here beyond the instant handed out (the source keeps one
/// picture buffer per camera). With an output folder it writes the Pose2Sim/OpenPose layout that <c>polypose
/// reconstruct</c> reads (<c>OUT/&lt;camera&gt;/&lt;camera&gt;_&lt;frame:D6&gt;_keypoints.json</c>, frame numbers of each
/// camera's own footage) into a temporary sibling folder that replaces OUT only once the last instant has been read:
/// a run that fails or is abandoned part-way leaves OUT as it was.
/// </summary>
public sealed class StreamedDetection
{
    private readonly IMultiCameraFrameSource _source;
    private readonly MoveNetMultiPose _network;
    private readonly InputSizeRule _sizes;
    private readonly MoveNetThunder? _refiner;
    private readonly string? _output;
    private readonly Action<int, int>? _progress;
    private readonly int _workers;
    private readonly int[] _longSides;
    private readonly Stopwatch _busy = new();
    private bool _started;

    private StreamedDetection(IMultiCameraFrameSource source, MoveNetMultiPose network, InputSizeRule sizes, MoveNetThunder? refiner, string? output, Action<int, int>? progress, int workers)
    {
        _workers = workers;
        _source = source;
        _network = network;
        _sizes = sizes;
        _refiner = refiner;
        _output = output;
        _progress = progress;
        _longSides = new int[source.Cameras.Count];
    }

    /// <summary>The long side used per camera (px, source camera order; 0 until that camera's first picture was detected).</summary>
    public IReadOnlyList<int> LongSides => _longSides;

    /// <summary>Instants read from the source so far: at most one more than the instants handed out by <see cref="Instants"/>.</summary>
    public int InstantsRead { get; private set; }

    /// <summary>Wall time spent decoding, detecting and writing (the time between the stream's own steps, not the consumer's).</summary>
    public TimeSpan Elapsed => _busy.Elapsed;

    /// <summary>
    /// Prepares a detection stream; nothing is read or written before <see cref="Instants"/> is enumerated.
    /// </summary>
    /// <param name="source">The footage.</param>
    /// <param name="network">The network.</param>
    /// <param name="sizes">How each camera's network input long side is chosen (on its first picture).</param>
    /// <param name="refiner">MoveNet Thunder refinement of every person on a crop, or null for MultiPose's keypoints.</param>
    /// <param name="output">Folder to write (replaced at the end), or null to write nothing.</param>
    /// <param name="progress">Called after each camera picture with (done, total), on the enumerating thread.</param>
    /// <param name="workers">
    /// Detection threads for the cameras of one instant (0: <see cref="Polypose.Tensors.Kernels.TensorThreads.Count"/>;
    /// capped by the camera count; 1 with a <paramref name="refiner"/>, whose network is not replicated). The output does
    /// not depend on it.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="sizes"/> names a camera the source lacks.</exception>
    public static StreamedDetection Open(IMultiCameraFrameSource source, MoveNetMultiPose network, InputSizeRule sizes, MoveNetThunder? refiner, string? output, Action<int, int>? progress = null, int workers = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(sizes);
        var unknown = sizes.PerCamera.Keys.FirstOrDefault(k => !source.Cameras.Contains(k));
        if (unknown is not null)
        {
            throw new ArgumentException($"input size given for camera '{unknown}', which the footage lacks (cameras: {string.Join(", ", source.Cameras)})", nameof(sizes));
        }

        return new StreamedDetection(source, network, sizes, refiner, output, progress, workers == 0 ? Polypose.Tensors.Kernels.TensorThreads.Count : workers);
    }

    /// <summary>
    /// The instants in source order, each detected when it is asked for; can be enumerated once. The output folder is
    /// put in place when the enumeration reaches the end.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stream was enumerated before.</exception>
    /// <exception cref="Images.ImageFileException">An image cannot be read (names it; thrown while enumerating).</exception>
    /// <exception cref="Formats.PolyposeFormatException">A video cannot be decoded (names it; thrown while enumerating).</exception>
    public IEnumerable<DetectedInstant> Instants()
    {
        if (_started)
        {
            throw new InvalidOperationException("a detection stream can be enumerated once");
        }

        _started = true;
        return Enumerate();
    }

    private IEnumerable<DetectedInstant> Enumerate()
    {
        var source = _source;
        string? full = null, staging = null;
        if (_output is not null)
        {
            full = Path.GetFullPath(_output);
            var parent = Path.GetDirectoryName(full) ?? ".";
            Directory.CreateDirectory(parent);
            staging = Path.Combine(parent, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, true);
            }

            foreach (var camera in source.Cameras)
            {
                Directory.CreateDirectory(Path.Combine(staging, camera));
            }
        }

        var cameras = source.Cameras.Count;
        var letterboxes = new Letterbox?[cameras];
        var total = source.FrameCount * cameras;
        var done = 0;
        var nets = new MoveNetMultiPose[_refiner is null ? Math.Min(_workers, Math.Max(1, cameras)) : 1];
        nets[0] = _network;
        for (var w = 1; w < nets.Length; w++)
        {
            nets[w] = _network.Replica();
        }

        var images = new Images.RgbImage?[cameras];
        var found = new IReadOnlyList<DetectedPerson>[cameras];
        try
        {
            while (true)
            {
                _busy.Start();
                if (!source.ReadNext())
                {
                    _busy.Stop();
                    break;
                }

                InstantsRead++;
                for (var c = 0; c < cameras; c++)
                {
                    var image = images[c] = source.Image(c);
                    if (image is not null)
                    {
                        if (_longSides[c] == 0)
                        {
                            _longSides[c] = DetectionRunner.ChooseLongSide(_sizes, source.Cameras[c], image, _network);
                        }

                        if (letterboxes[c] is not { } box || box.ImageWidth != image.Width || box.ImageHeight != image.Height)
                        {
                            letterboxes[c] = Letterbox.Fit(image.Width, image.Height, _longSides[c]);
                        }
                    }
                }

                DetectInstant(nets, images, letterboxes, found);
                var people = new IReadOnlyList<Person2D>?[cameras];
                var numbers = new int[cameras];
                for (var c = 0; c < cameras; c++)
                {
                    numbers[c] = -1;
                    if (images[c] is { } image)
                    {
                        var detected = found[c];
                        if (_refiner is not null)
                        {
                            detected = [.. detected.Select(p => _refiner.Refine(image, p))];
                        }

                        IReadOnlyList<Person2D> persons = [.. detected.Select(p => new Person2D(KnownSkeletons.Coco17, [.. p.Keypoints.Select(k => new Keypoint2D(k.X, k.Y, k.Score))]))];
                        var number = source.SourceFrameNumber(c);
                        people[c] = persons;
                        numbers[c] = number;
                        if (staging is not null)
                        {
                            var name = source.Cameras[c];
                            OpenPoseJson.Write(Path.Combine(staging, name, $"{name}_{number:D6}_keypoints.json"), persons);
                        }
                    }

                    _progress?.Invoke(++done, total);
                }

                _busy.Stop();
                yield return new DetectedInstant(source.FrameNumber, people, numbers);
            }

            if (staging is not null && full is not null)
            {
                if (Directory.Exists(full))
                {
                    Directory.Delete(full, true);
                }

                Directory.Move(staging, full);
            }
        }
        finally
        {
            _busy.Stop();
            if (staging is not null && Directory.Exists(staging))
            {
                Directory.Delete(staging, true);
            }
        }
    }

    // Detects every camera image of one instant: camera c on network c mod workers, workers in parallel.
    private static void DetectInstant(MoveNetMultiPose[] nets, Images.RgbImage?[] images, Letterbox?[] boxes, IReadOnlyList<DetectedPerson>[] found)
    {
        if (nets.Length == 1)
        {
            DetectShare(nets[0], 0, 1, images, boxes, found);
            return;
        }

        try
        {
            Parallel.For(0, nets.Length, new ParallelOptions { MaxDegreeOfParallelism = nets.Length }, w => DetectShare(nets[w], w, nets.Length, images, boxes, found));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }

    private static void DetectShare(MoveNetMultiPose net, int first, int step, Images.RgbImage?[] images, Letterbox?[] boxes, IReadOnlyList<DetectedPerson>[] found)
    {
        for (var c = first; c < images.Length; c += step)
        {
            if (images[c] is { } image && boxes[c] is { } box)
            {
                found[c] = net.Detect(image, box);
            }
        }
    }
}
