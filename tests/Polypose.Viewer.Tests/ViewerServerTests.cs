using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using Polypose.Testing;

namespace Polypose.Viewer.Tests;

public sealed class ViewerServerTests : IAsyncLifetime
{
    private const string SecretMarker = "POLYPOSE-SECRET-7f3a";
    private readonly string dir = RepoPaths.NewTempDir();
    private string posesPath = "";
    private string secretPath = "";
    private ViewerServer? server;

    private Uri Address => server!.Address;

    public async Task InitializeAsync()
    {
        (posesPath, var scene) = TestScenes.Synthetic(dir);
        secretPath = Path.Combine(dir, "secret.txt");
        File.WriteAllText(secretPath, SecretMarker);
        File.CreateSymbolicLink(Path.Combine(dir, "link.txt"), secretPath);
        File.CreateSymbolicLink(Path.Combine(AppContext.BaseDirectory, $"viewer-test-link-{Guid.NewGuid():N}.txt"), secretPath);
        server = await ViewerServer.StartAsync(scene, new ViewerServerOptions { Port = 0 });
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        foreach (var link in Directory.EnumerateFiles(AppContext.BaseDirectory, "viewer-test-link-*.txt"))
        {
            File.Delete(link);
        }
    }

    [Fact]
    public void ListensOnTheLoopbackAddressOnly()
    {
        Assert.Equal("127.0.0.1", Address.Host);
        var others = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .ToList();
        foreach (var address in others)
        {
            using var client = new TcpClient();
            Assert.ThrowsAny<SocketException>(() => client.Connect(address, Address.Port));
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/viewer.js")]
    [InlineData("/api/scene.json")]
    [InlineData("/api/poses.bin")]
    [InlineData("/api/views?frame=3")]
    public async Task AnswersEachOfItsRoutes(string route)
    {
        var response = await RawHttp.GetAsync(Address, route);
        Assert.Equal(200, response.Status);
    }

    [Theory]
    [InlineData("/../../../../etc/passwd")]
    [InlineData("/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd")]
    [InlineData("/api/..%2f..%2f..%2f..%2fetc/passwd")]
    [InlineData("/..%5c..%5c..%5cetc%5cpasswd")]
    [InlineData("/%252e%252e/%252e%252e/etc/passwd")]
    [InlineData("//etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("/poses.json")]
    [InlineData("/api/poses.json")]
    [InlineData("/index.html")]
    [InlineData("/web/index.html")]
    [InlineData("/api/scene.json/../../etc/passwd")]
    public async Task RefusesEveryOtherPath(string target)
    {
        var response = await RawHttp.GetAsync(Address, target);
        Assert.True(response.Status is 404 or 400, $"{target}: HTTP {response.Status}");
        Assert.DoesNotContain("root:", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAbsolutePathsAndSymlinksToAFileItWasNotGiven()
    {
        var targets = new[]
        {
            secretPath,
            "/" + Uri.EscapeDataString(secretPath),
            posesPath,
            "/link.txt",
            "/api/link.txt",
            "/" + Path.GetRelativePath(AppContext.BaseDirectory, secretPath).Replace('\\', '/'),
        }.Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "viewer-test-link-*.txt").Select(p => "/" + Path.GetFileName(p)));
        foreach (var target in targets)
        {
            var response = await RawHttp.GetAsync(Address, target);
            Assert.True(response.Status is 404 or 400, $"{target}: HTTP {response.Status}");
            Assert.DoesNotContain(SecretMarker, response.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"frames\"", response.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("192.168.1.20:8765")]
    public async Task RefusesRequestsForAnotherHostName(string host)
    {
        var response = await RawHttp.GetAsync(Address, "/api/poses.bin", host);
        Assert.Equal(400, response.Status);
    }

    [Fact]
    public async Task ViewPanelReprojectsEveryPersonOfTheFrameIntoEveryCamera()
    {
        var frameNumber = 7;
        var response = await RawHttp.GetAsync(Address, $"/api/views?frame={frameNumber}");
        var body = response.Text[(response.Text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        using var json = JsonDocument.Parse(body);
        using var file = JsonDocument.Parse(File.ReadAllText(posesPath));
        var people = file.RootElement.GetProperty("frames").EnumerateArray()
            .Single(f => f.GetProperty("frame").GetInt32() == frameNumber)
            .GetProperty("people").GetArrayLength();
        var views = json.RootElement.GetProperty("views");
        Assert.Equal(5, views.GetArrayLength());
        foreach (var view in views.EnumerateArray())
        {
            Assert.Equal(people, view.GetProperty("reprojections").GetArrayLength());
            Assert.True(view.GetProperty("detections").GetArrayLength() > 0);
        }
    }
}
