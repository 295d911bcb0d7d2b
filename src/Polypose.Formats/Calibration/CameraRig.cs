using System.Collections;
using Polypose.Geometry;

namespace Polypose.Formats.Calibration;

/// <summary>
/// An immutable, ordered list of calibrated cameras with unique names (the view order used everywhere else:
/// view index v is <c>rig[v]</c>). Every camera is in millimetres, world z-up, world-to-camera (see <see cref="Camera"/>).
/// </summary>
public sealed class CameraRig : IReadOnlyList<Camera>
{
    private readonly Camera[] cameras;
    private readonly Dictionary<string, int> indexByName;

    /// <summary>Creates a rig; throws <see cref="ArgumentException"/> when a camera is null or a name repeats.</summary>
    public CameraRig(IEnumerable<Camera> cameras)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        this.cameras = [.. cameras];
        indexByName = new Dictionary<string, int>(this.cameras.Length, StringComparer.Ordinal);
        for (var i = 0; i < this.cameras.Length; i++)
        {
            var cam = this.cameras[i] ?? throw new ArgumentException($"camera {i} is null", nameof(cameras));
            if (!indexByName.TryAdd(cam.Name, i))
            {
                throw new ArgumentException($"camera name '{cam.Name}' appears twice (views {indexByName[cam.Name]} and {i})", nameof(cameras));
            }
        }

        Names = [.. this.cameras.Select(c => c.Name)];
    }

    /// <summary>
    /// The cameras (by name, in view order) whose image size the calibration did not give and that were sized 2·cx × 2·cy
    /// from the principal point (<see cref="CalibrationReadOptions.ImageSizeFromPrincipalPoint"/>); empty when none.
    /// </summary>
    public IReadOnlyList<string> ImageSizesFromPrincipalPoint { get; init; } = [];

    /// <summary>The number of cameras (views).</summary>
    public int Count => cameras.Length;

    /// <summary>The camera names in view order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The camera of view <paramref name="index"/>.</summary>
    public Camera this[int index] => cameras[index];

    /// <summary>The camera named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> listing the names present.</summary>
    public Camera this[string name] => TryGet(name, out var cam)
        ? cam
        : throw new KeyNotFoundException($"no camera named '{name}' in the rig (cameras: {string.Join(", ", Names)})");

    /// <summary>Whether a camera of this name is present.</summary>
    public bool Contains(string name) => indexByName.ContainsKey(name);

    /// <summary>The view index of a camera, or −1 when absent.</summary>
    public int IndexOf(string name) => indexByName.TryGetValue(name, out var i) ? i : -1;

    /// <summary>Looks a camera up by name.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Camera camera)
    {
        if (indexByName.TryGetValue(name, out var i))
        {
            camera = cameras[i];
            return true;
        }

        camera = null;
        return false;
    }

    /// <summary>
    /// A rig of the named cameras in the given order (not the rig's order). Throws <see cref="ArgumentException"/>
    /// naming every missing camera, or a name given twice.
    /// </summary>
    public CameraRig Subset(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var list = names.ToList();
        var missing = list.Where(n => !indexByName.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"camera(s) not in the rig: {string.Join(", ", missing)} (cameras: {string.Join(", ", Names)})", nameof(names));
        }

        var dup = list.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new ArgumentException($"camera '{dup.Key}' is asked for twice", nameof(names));
        }

        return new CameraRig(list.Select(n => cameras[indexByName[n]]))
        {
            ImageSizesFromPrincipalPoint = [.. list.Where(n => ImageSizesFromPrincipalPoint.Contains(n, StringComparer.Ordinal))],
        };
    }

    /// <inheritdoc/>
    public IEnumerator<Camera> GetEnumerator() => ((IEnumerable<Camera>)cameras).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
