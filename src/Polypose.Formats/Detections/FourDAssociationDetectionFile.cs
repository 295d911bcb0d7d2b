using System.Text;
using Polypose.Core.Poses;
using Polypose.Core.Skeletons;

namespace Polypose.Formats.Detections;

/// <summary>
/// A 4D Association detection text file (<c>detection/&lt;camera&gt;.txt</c>): header <c>skelType frameCount</c>, then per
/// frame one candidate block per joint (n, n x, n y, n scores; x, y normalised to [0,1]) and one PAF matrix
/// nA × nB per limb in the skeleton's PAF order (<see cref="PafLimbs"/>). BODY25 (type 4) and SKEL19 (type 0) are
/// supported. <see cref="Open"/> reads the bytes and the header; <see cref="Frames"/> parses frames lazily and checks
/// that every token is consumed. Candidates come out in pixels: x·(width − 1), y·(height − 1); affinities are the raw
/// file values (no power transform).
/// </summary>
public sealed class FourDAssociationDetectionFile
{
    /// <summary>The largest candidate count accepted per joint block (guards against corrupt counts).</summary>
    public const int MaxCandidates = 10_000;

    private static readonly string[] Rows = ["x", "y", "score"];
    private readonly byte[] _data;

    private FourDAssociationDetectionFile(string path, byte[] data, FourDAssociationSkeletonType type, Skeleton skeleton, IReadOnlyList<(int From, int To)> limbs, int frameCount, int width, int height)
    {
        FilePath = path;
        _data = data;
        SkeletonType = type;
        Skeleton = skeleton;
        Limbs = limbs;
        FrameCount = frameCount;
        Width = width;
        Height = height;
    }

    /// <summary>The file read.</summary>
    public string FilePath { get; }

    /// <summary>The header's skeleton type.</summary>
    public FourDAssociationSkeletonType SkeletonType { get; }

    /// <summary>The joint set of the candidate blocks.</summary>
    public Skeleton Skeleton { get; }

    /// <summary>The PAF limbs, in file order.</summary>
    public IReadOnlyList<(int From, int To)> Limbs { get; }

    /// <summary>The number of frames the header announces.</summary>
    public int FrameCount { get; }

    /// <summary>Image width in pixels used to de-normalise x.</summary>
    public int Width { get; }

    /// <summary>Image height in pixels used to de-normalise y.</summary>
    public int Height { get; }

    /// <summary>Reads the file and checks its header; <paramref name="width"/>/<paramref name="height"/> are the camera's image size in pixels.</summary>
    public static FourDAssociationDetectionFile Open(string path, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 2);
        var data = TokenStream.ReadBytes(path);
        var tokens = TokenStream.FromBytes(path, data);
        var type = ReadType(tokens);
        var (skeleton, limbs) = type switch
        {
            FourDAssociationSkeletonType.Body25 => (KnownSkeletons.Body25, PafLimbs.Body25),
            FourDAssociationSkeletonType.Skel19 => (KnownSkeletons.Skel19, PafLimbs.Skel19),
            _ => throw tokens.Error($"skeleton type {(int)type} ({type}) is not supported; expected 4 (BODY25) or 0 (SKEL19)", "header, skeleton type"),
        };
        var frames = tokens.ReadInt("header, frame count", 0, int.MaxValue);
        return new FourDAssociationDetectionFile(path, data, type, skeleton, limbs, frames, width, height);
    }

    /// <summary>Reads every frame of a file (see <see cref="Open"/> and <see cref="Frames"/>).</summary>
    public static IReadOnlyList<PafFrame> ReadAll(string path, int width, int height) => [.. Open(path, width, height).Frames()];

    /// <summary>
    /// Parses the frames in file order (each enumeration starts again from the top). Throws
    /// <see cref="PolyposeFormatException"/> naming the token, line, frame and joint/limb on a bad or missing token,
    /// and when tokens remain after the last frame.
    /// </summary>
    public IEnumerable<PafFrame> Frames()
    {
        var tokens = TokenStream.FromBytes(FilePath, _data);
        tokens.TryNext(out _);
        tokens.TryNext(out _);
        for (var f = 0; f < FrameCount; f++)
        {
            yield return ReadFrame(tokens, f);
        }

        tokens.ExpectEnd($"the {FrameCount} frames announced in the header");
    }

    private static string Text(double v) => v.ToString("g6", System.Globalization.CultureInfo.InvariantCulture);

    private string JointPlace(int frame, int joint) => $"frame {frame}, joint {joint} ({Skeleton.JointNames[joint]})";

    private static FourDAssociationSkeletonType ReadType(TokenStream tokens)
    {
        const string what = "header, skeleton type";
        if (!tokens.TryNext(out var token))
        {
            throw new PolyposeFormatException(tokens.FilePath, "the file is empty: expected the header 'skelType frameCount'", 1, 1, what);
        }

        if (int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return Enum.IsDefined((FourDAssociationSkeletonType)n)
                ? (FourDAssociationSkeletonType)n
                : throw tokens.Error($"unknown skeleton type {n}; expected 0..7 (4 = BODY25)", what);
        }

        var text = Encoding.UTF8.GetString(token);
        return Enum.TryParse<FourDAssociationSkeletonType>(text, ignoreCase: true, out var named) && !int.TryParse(text, out _)
            ? named
            : throw tokens.Error($"expected a skeleton type (an integer or a name such as BODY25) but got '{text}'", what);
    }

    private PafFrame ReadFrame(TokenStream tokens, int frame)
    {
        var sx = Width - 1.0;
        var sy = Height - 1.0;
        var candidates = new Keypoint2D[Skeleton.JointCount][];
        for (var j = 0; j < candidates.Length; j++)
        {
            if (!tokens.TryReadInt(0, MaxCandidates, out var n))
            {
                throw tokens.Fail($"{JointPlace(frame, j)}, candidate count");
            }

            var list = new Keypoint2D[n];
            for (var row = 0; row < 3; row++)
            {
                for (var i = 0; i < n; i++)
                {
                    if (!tokens.TryReadDouble(out var v))
                    {
                        throw tokens.Fail($"{JointPlace(frame, j)}, {Rows[row]}[{i}]");
                    }

                    var k = list[i];
                    if (row < 2 && !(v >= -InputRanges.MaxNormalisedOutside && v <= 1 + InputRanges.MaxNormalisedOutside))
                    {
                        throw tokens.Error(
                            $"normalised {Rows[row]} = {Text(v)} is outside the plausible range [{Text(-InputRanges.MaxNormalisedOutside)}, {Text(1 + InputRanges.MaxNormalisedOutside)}] (coordinates are fractions of the image size)",
                            $"{JointPlace(frame, j)}, {Rows[row]}[{i}]");
                    }

                    list[i] = row switch
                    {
                        0 => k with { X = v * sx },
                        1 => k with { Y = v * sy },
                        _ => v >= 0 && v <= InputRanges.MaxScore
                            ? k with { Score = v }
                            : throw tokens.Error($"expected a score in [0, {Text(InputRanges.MaxScore)}] but got {Text(v)}", $"{JointPlace(frame, j)}, score[{i}]"),
                    };
                }
            }

            candidates[j] = list;
        }

        var affinity = new double[Limbs.Count][,];
        for (var l = 0; l < Limbs.Count; l++)
        {
            var (a, b) = Limbs[l];
            var m = new double[candidates[a].Length, candidates[b].Length];
            for (var r = 0; r < m.GetLength(0); r++)
            {
                for (var c = 0; c < m.GetLength(1); c++)
                {
                    if (!tokens.TryReadDouble(out m[r, c]))
                    {
                        throw tokens.Fail($"frame {frame}, PAF {l} ({Skeleton.JointNames[a]} -> {Skeleton.JointNames[b]}), [{r}, {c}]");
                    }

                    if (!InputRanges.Within(m[r, c], InputRanges.MaxPafMagnitude))
                    {
                        throw tokens.Error(
                            $"part affinity {Text(m[r, c])} is outside the plausible range [-{Text(InputRanges.MaxPafMagnitude)}, {Text(InputRanges.MaxPafMagnitude)}] (nominally 0-1)",
                            $"frame {frame}, PAF {l} ({Skeleton.JointNames[a]} -> {Skeleton.JointNames[b]}), [{r}, {c}]");
                    }
                }
            }

            affinity[l] = m;
        }

        return new PafFrame(Skeleton, candidates, Limbs, affinity);
    }
}
