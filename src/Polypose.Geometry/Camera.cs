namespace Polypose.Geometry;

/// <summary>
/// A calibrated pinhole camera with OpenCV distortion. Extrinsics are world-to-camera: x_cam = R·X + t, with X in
/// millimetres in a z-up world and t in millimetres. The camera looks down its +z axis, +x right, +y down (OpenCV).
/// Image size is in pixels; pixel (0, 0) is the centre of the top-left pixel. Immutable; <c>with</c> expressions
/// re-validate the changed members and keep <see cref="Center"/> consistent.
/// </summary>
public sealed partial record Camera
{
    private readonly string name = "camera";
    private readonly int width = 1;
    private readonly int height = 1;
    private readonly Intrinsics intrinsics = new(1, 1, 0, 0);
    private readonly Mat3 rotation = Mat3.Identity;
    private readonly Vec3 translation;
    private readonly Distortion distortion = Distortion.None;

    /// <summary>Creates a camera; throws <see cref="ArgumentException"/> for a non-rotation R, non-finite values or a bad size.</summary>
    public Camera(string name, int width, int height, Intrinsics intrinsics, Mat3 rotation, Vec3 translation, Distortion? distortion = null)
    {
        Name = name;
        Width = width;
        Height = height;
        Intrinsics = intrinsics;
        Rotation = rotation;
        Translation = translation;
        Distortion = distortion ?? Distortion.None;
    }

    /// <summary>The camera's name (matches detection folders and calibration keys).</summary>
    public string Name
    {
        get => name;
        init
        {
            ArgumentException.ThrowIfNullOrEmpty(value, nameof(Name));
            name = value;
        }
    }

    /// <summary>Image width in pixels.</summary>
    public int Width
    {
        get => width;
        init => width = value > 0 ? value : throw new ArgumentException($"camera '{name}': image width must be positive, got {value}");
    }

    /// <summary>Image height in pixels.</summary>
    public int Height
    {
        get => height;
        init => height = value > 0 ? value : throw new ArgumentException($"camera '{name}': image height must be positive, got {value}");
    }

    /// <summary>Pinhole intrinsics in pixels; focal lengths must be positive and every value finite.</summary>
    public Intrinsics Intrinsics
    {
        get => intrinsics;
        init
        {
            if (!double.IsFinite(value.Fx + value.Fy + value.Cx + value.Cy + value.Skew))
            {
                throw new ArgumentException($"camera '{name}': intrinsics contain NaN or infinity");
            }

            if (!(value.Fx > 0) || !(value.Fy > 0))
            {
                throw new ArgumentException($"camera '{name}': focal lengths must be positive, got fx={value.Fx}, fy={value.Fy}");
            }

            intrinsics = value;
        }
    }

    /// <summary>Lens distortion (OpenCV model); never null.</summary>
    public Distortion Distortion
    {
        get => distortion;
        init => distortion = value ?? Distortion.None;
    }

    /// <summary>World-to-camera rotation R (a proper rotation to within 1e-4).</summary>
    public Mat3 Rotation
    {
        get => rotation;
        init
        {
            if (!value.IsFinite)
            {
                throw new ArgumentException($"camera '{name}': R contains NaN or infinity");
            }

            var err = value.OrthonormalityError();
            if (err > 1e-4 || value.Determinant() < 0)
            {
                throw new ArgumentException($"camera '{name}': R is not a rotation matrix (|R·Rᵀ − I| = {err:G3}, det = {value.Determinant():G4})");
            }

            rotation = value;
            Center = -(rotation.Transpose() * translation);
        }
    }

    /// <summary>World-to-camera translation t in millimetres.</summary>
    public Vec3 Translation
    {
        get => translation;
        init
        {
            if (!value.IsFinite)
            {
                throw new ArgumentException($"camera '{name}': t contains NaN or infinity");
            }

            translation = value;
            Center = -(rotation.Transpose() * translation);
        }
    }

    /// <summary>The camera centre C = −Rᵀt in world millimetres.</summary>
    public Vec3 Center { get; private init; }

    /// <summary>The optical axis (+z of the camera) as a unit world direction.</summary>
    public Vec3 Forward => rotation.Row(2);

    /// <summary>The world-to-camera rigid transform (R, t), millimetres.</summary>
    public Pose3 Extrinsics => new(rotation, translation);

    /// <summary>Transforms a world point (mm) into camera coordinates (mm).</summary>
    public Vec3 WorldToCamera(Vec3 world) => (rotation * world) + translation;

    /// <summary>Whether a pixel lies inside the image, [−0.5, W − 0.5) × [−0.5, H − 0.5).</summary>
    public bool Contains(Vec2 pixel) => pixel.X >= -0.5 && pixel.Y >= -0.5 && pixel.X < width - 0.5 && pixel.Y < height - 0.5;
}
