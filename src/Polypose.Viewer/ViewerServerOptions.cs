using Polypose.Core.Options;

namespace Polypose.Viewer;

/// <summary>How <see cref="ViewerServer"/> listens. It always binds to the loopback address 127.0.0.1 only.</summary>
public sealed record ViewerServerOptions
{
    private readonly int port = 8765;

    /// <summary>TCP port on 127.0.0.1, 0–65535 (0 = any free port; default 8765).</summary>
    public int Port
    {
        get => port;
        init => port = OptionCheck.InRange(value, 0, 65535, nameof(Port));
    }
}
