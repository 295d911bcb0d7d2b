using System.Net.Sockets;
using System.Text;

namespace Polypose.Viewer.Tests;

/// <summary>Sends one HTTP/1.1 request with the request target exactly as given (no client-side normalisation of ../ or %2e).</summary>
internal static class RawHttp
{
    public sealed record Response(int Status, string Text);

    public static async Task<Response> GetAsync(Uri server, string target, string? host = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using var stream = client.GetStream();
        var request = $"GET {target} HTTP/1.1\r\nHost: {host ?? $"127.0.0.1:{server.Port}"}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var statusLine = text.Split("\r\n", 2)[0];
        var parts = statusLine.Split(' ');
        return new Response(parts.Length > 1 && int.TryParse(parts[1], out var status) ? status : -1, text);
    }
}
