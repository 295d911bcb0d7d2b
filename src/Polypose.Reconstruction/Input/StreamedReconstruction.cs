using Polypose.Core.Poses;
using Polypose.Core.Skeletons;
using Polypose.Formats.Calibration;
using Polypose.Formats.Detections;

namespace Polypose.Reconstruction.Input;

/// <summary>
/// Calibrated cameras plus a detections folder read frame by frame: the streaming counterpart of
/// <see cref="ReconstructionInput"/>, for sequences too long to hold. <see cref="Reconstruct(int, ReconstructionOptions?, IProgress{int}?)"/> yields the frames in
/// order, reconstructed in batches of <see cref="BatchFrames"/> frames per worker thread, so at most that many frames
/// of detections and 3D people are held at once whatever the length of the sequence; the output is the same frame for
/// frame (and byte for byte once written) as <see cref="ReconstructionInput.Reconstruct(int, ReconstructionOptions?)"/> gives.
/// <para>
/// <see cref="FromFrames"/> streams frames that another stage produces (the detector of <c>polypose video</c>).
/// What is held for the whole sequence (files opened by <see cref="Open"/>): the index of the input (one <see cref="int"/> per OpenPose file, see
/// <see cref="DetectionSource"/>), a COCO result file's people, and the text of 4D Association files (parsed lazily).
/// Before the first frame is reconstructed the stream reads ahead to the first frame with a detection, which fixes
/// <see cref="Skeleton"/> (those frames are empty, so holding them costs little).
/// </para>
/// </summary>
public sealed class StreamedReconstruction : IDisposable
{
    /// <summary>Frames reconstructed per worker thread and batch.</summary>
    public const int BatchFrames = 32;

    private readonly IEnumerator<DetectionFrame> _source;
    private readonly Queue<DetectionFrame> _ahead = new();
    private bool _started;

    private readonly bool[] _contributed;
    private readonly long[] _detections;
    private bool _anyone;
    private int _framesDone;

    private StreamedReconstruction(CameraRig rig, IEnumerable<DetectionFrame> frames, int frameCount, DetectionInputKind kind, IReadOnlyList<string> paths, IReadOnlyList<string> notes, Skeleton? skeleton)
    {
        Rig = rig;
        Notes = notes;
        DetectionPaths = paths;
        _contributed = new bool[rig.Count];
        _detections = new long[rig.Count];
        FrameCount = frameCount;
        Kind = kind;
        _source = frames.GetEnumerator();
        while (skeleton is null && _source.MoveNext())
        {
            var frame = _source.Current;
            FramesRead++;
            _ahead.Enqueue(frame);
            skeleton = frame.Paf is { Count: > 0 } paf ? paf[0].Skeleton : frame.People?.SelectMany(v => v).Select(p => p.Skeleton).FirstOrDefault();
        }

        Skeleton = skeleton ?? KnownSkeletons.Body25;
    }

    /// <summary>The cameras that have detections, in calibration order (see <see cref="ReconstructionInput.Load"/>).</summary>
    public CameraRig Rig { get; }

    /// <summary>What opening decided that the user should know, one line each (as <see cref="ReconstructionInput.Notes"/>).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The detection file or folder each view is read from, in view order.</summary>
    public IReadOnlyList<string> DetectionPaths { get; }

    /// <summary>The number of frames <see cref="Reconstruct(int, ReconstructionOptions?, IProgress{int}?)"/> yields.</summary>
    public int FrameCount { get; }

    /// <summary>Bottom-up 4D Association evidence or per-view 2D persons.</summary>
    public DetectionInputKind Kind { get; }

    /// <summary>
    /// Frames of detections read from the input so far (read-ahead included). While <see cref="Reconstruct(int, ReconstructionOptions?, IProgress{int}?)"/> is
    /// enumerated it stays within <see cref="BatchFrames"/> × threads of the frames handed out (plus the empty frames
    /// read ahead to find the skeleton): the bound on what is held.
    /// </summary>
    public int FramesRead { get; private set; }

    /// <summary>The skeleton of the detections (that of the first detected person; BODY25 when there is none).</summary>
    public Skeleton Skeleton { get; }

    /// <summary>
    /// Opens the calibration (file or folder, format detected from content; image sizes as
    /// <see cref="CalibrationLoading.Read"/> resolves them) and the detections of the calibration cameras that have
    /// them, as <see cref="ReconstructionInput.Load"/> does, without reading the frames yet.
    /// </summary>
    public static StreamedReconstruction Open(string calibrationPath, string detectionsPath, int firstFrameIndex = 0, ImageSizeSpec? imageSizes = null)
    {
        var (rig, source, notes) = ReconstructionInput.OpenSource(calibrationPath, detectionsPath, firstFrameIndex, imageSizes);
        return new StreamedReconstruction(rig, source.Frames(), source.FrameIndices.Count, source.Kind, source.ViewPaths, notes, null);
    }

    /// <summary>
    /// A stream over 2D people that another stage produces as it goes (e.g. a detector running over videos): the frames
    /// are pulled from <paramref name="frames"/> only as the reconstruction needs them, at most
    /// <see cref="BatchFrames"/> × threads ahead of the frames handed out, and nothing is read before the first is
    /// asked for.
    /// </summary>
    /// <param name="rig">The cameras, in the order of each frame's views.</param>
    /// <param name="frames">The frames, in order; each has one view per camera of <paramref name="rig"/>.</param>
    /// <param name="frameCount">How many frames <paramref name="frames"/> will give (for progress).</param>
    /// <param name="skeleton">The skeleton of the people.</param>
    /// <param name="sources">What each view is read from (for messages), in view order.</param>
    public static StreamedReconstruction FromFrames(CameraRig rig, IEnumerable<MultiViewFrame> frames, int frameCount, Skeleton skeleton, IReadOnlyList<string> sources)
    {
        ArgumentNullException.ThrowIfNull(rig);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(skeleton);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        return new StreamedReconstruction(rig, Checked(rig, frames), frameCount, DetectionInputKind.Keypoints, sources, [], skeleton);
    }

    /// <summary>
    /// After <see cref="Reconstruct(int, ReconstructionOptions?, IProgress{int}?)"/> has been enumerated: the one warning naming the cameras that contributed a detection
    /// to no reconstructed person over the whole run (null when every camera did, or when nobody was reconstructed).
    /// </summary>
    public string? NobodyWarning()
    {
        if (!_anyone)
        {
            return null;
        }

        var idle = Enumerable.Range(0, Rig.Count).Where(v => !_contributed[v]).Select(v => Rig[v].Name).ToList();
        return ReconstructionInput.NobodyWarning(Rig, idle, _detections, _framesDone);
    }

    /// <summary>
    /// Reconstructs the frames in order on <paramref name="threads"/> workers (the PAF path for bottom-up evidence),
    /// reading the detections as it goes; can be enumerated once. <paramref name="progress"/> receives the number of
    /// frames done after each batch.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stream was enumerated before.</exception>
    public IEnumerable<Frame3D> Reconstruct(int threads, ReconstructionOptions? options = null, IProgress<int>? progress = null) =>
        Reconstruct(threads, () => new MultiViewReconstructor(options), progress);

    /// <summary>
    /// Reconstructs the frames in order like <see cref="Reconstruct(int, ReconstructionOptions?, IProgress{int}?)"/>, with
    /// one worker per thread made by <paramref name="createWorker"/> (e.g. a learned association step).
    /// </summary>
    /// <exception cref="InvalidOperationException">The stream was enumerated before.</exception>
    public IEnumerable<Frame3D> Reconstruct(int threads, Func<MultiViewReconstructor> createWorker, IProgress<int>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentNullException.ThrowIfNull(createWorker);
        if (_started)
        {
            throw new InvalidOperationException("a reconstruction stream can be enumerated once");
        }

        _started = true;
        return Batches(threads, createWorker, progress);
    }

    /// <inheritdoc/>
    public void Dispose() => _source.Dispose();

    private IEnumerable<Frame3D> Batches(int threads, Func<MultiViewReconstructor> createWorker, IProgress<int>? progress)
    {
        var workers = new MultiViewReconstructor[threads];
        var batch = new List<DetectionFrame>(BatchFrames * threads);
        var results = new Frame3D[BatchFrames * threads];
        var done = 0;
        while (true)
        {
            batch.Clear();
            while (batch.Count < BatchFrames * threads && Next() is { } frame)
            {
                batch.Add(frame);
            }

            if (batch.Count == 0)
            {
                yield break;
            }

            var count = batch.Count;
            var used = Math.Min(threads, count);
            if (used == 1)
            {
                ReconstructSlice(workers, 0, 1, batch, results, createWorker);
            }
            else
            {
                Parallel.For(0, used, new ParallelOptions { MaxDegreeOfParallelism = used }, w => ReconstructSlice(workers, w, used, batch, results, createWorker));
            }

            for (var i = 0; i < count; i++)
            {
                Tally(batch[i], results[i]);
                yield return results[i];
                results[i] = null!;
            }

            done += count;
            progress?.Report(done);
        }
    }

    private void ReconstructSlice(MultiViewReconstructor[] workers, int w, int stride, List<DetectionFrame> batch, Frame3D[] results, Func<MultiViewReconstructor> createWorker)
    {
        var reconstructor = workers[w] ??= createWorker();
        for (var i = w; i < batch.Count; i += stride)
        {
            var frame = batch[i];
            results[i] = frame.Paf is not null ? reconstructor.ReconstructFrame(frame.FrameIndex, Rig, frame.Paf) : reconstructor.ReconstructFrame(frame.FrameIndex, Rig, frame.People!);
        }
    }

    private void Tally(DetectionFrame frame, Frame3D result)
    {
        _framesDone++;
        for (var v = 0; v < Rig.Count; v++)
        {
            _detections[v] += frame.Paf is not null ? frame.Paf[v].Candidates.Max(c => c.Length) : frame.People![v].Count;
        }

        foreach (var person in result.People)
        {
            _anyone = true;
            for (var v = 0; v < Math.Min(_contributed.Length, person.DetectionPerView.Length); v++)
            {
                _contributed[v] |= person.DetectionPerView[v] >= 0;
            }
        }
    }

    private static IEnumerable<DetectionFrame> Checked(CameraRig rig, IEnumerable<MultiViewFrame> frames)
    {
        foreach (var frame in frames)
        {
            if (frame.ViewCount != rig.Count)
            {
                throw new ArgumentException($"frame {frame.FrameIndex} has {frame.ViewCount} views for {rig.Count} cameras", nameof(frames));
            }

            yield return new DetectionFrame(frame.FrameIndex, null, frame.Views);
        }
    }

    private DetectionFrame? Next()
    {
        if (_ahead.Count > 0)
        {
            return _ahead.Dequeue();
        }

        if (!_source.MoveNext())
        {
            return null;
        }

        FramesRead++;
        return _source.Current;
    }
}
