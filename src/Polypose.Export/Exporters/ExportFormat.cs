namespace Polypose.Export.Exporters;

/// <summary>The file formats <see cref="PoseExporter"/> writes.</summary>
public enum ExportFormat
{
    /// <summary>OpenSim/Motion Analysis TRC marker file (text, Y-up; one file per person).</summary>
    Trc,

    /// <summary>C3D binary (Intel float, POINT group; every person in one file).</summary>
    C3d,

    /// <summary>Biovision BVH hierarchy + motion (Y-up; one file per person).</summary>
    Bvh,

    /// <summary>glTF 2.0 binary (.glb): one animated node skeleton per person, metres, Y-up.</summary>
    Gltf,

    /// <summary>Tidy CSV: one row per frame, person and joint.</summary>
    Csv,

    /// <summary>EasyMocap <c>keypoints3d</c>: a folder of per-frame JSON files (metres, world z-up).</summary>
    EasyMocap,
}
