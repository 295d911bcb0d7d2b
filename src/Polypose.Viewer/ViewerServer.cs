using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Polypose.Viewer;

/// <summary>
/// The HTTP server of <c>polypose serve</c> (Kestrel), bound to 127.0.0.1 only. It answers a fixed set of GET routes
/// from memory — <c>/</c> (the page), <c>/viewer.js</c>, <c>/api/scene.json</c> (<see cref="SceneDescription"/>),
/// <c>/api/poses.bin[?first=F&amp;count=N]</c> (<see cref="PoseBinary"/>, all frames or frames F to F + N − 1), <c>/api/views?frame=N</c> (<see cref="ViewPanelData"/>) — and
/// 404 to every other path: no request path is ever mapped to the file system. Requests whose Host is not a loopback
/// name are refused (400), which stops DNS-rebinding pages from reading the data.
/// </summary>
public sealed class ViewerServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ViewerServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    /// <summary>The page's address, e.g. http://127.0.0.1:8765/.</summary>
    public Uri Address { get; }

    /// <summary>
    /// Encodes the scene and starts listening. Throws <see cref="IOException"/> when the port is taken.
    /// </summary>
    public static async Task<ViewerServer> StartAsync(ViewerScene scene, ViewerServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scene);
        options ??= new ViewerServerOptions();
        var poses = PoseBinary.Encode(scene.Poses);
        var description = SceneDescription.ToJson(scene);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, options.Port);
        });
        builder.WebHost.UseSetting(WebHostDefaults.PreferHostingUrlsKey, "false");
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (!IsLoopbackHost(context.Request.Host.Host))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            var headers = context.Response.Headers;
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'";
            await next(context).ConfigureAwait(false);
        });
        app.MapGet("/", () => Results.Bytes(ViewerAssets.Html, "text/html; charset=utf-8"));
        app.MapGet("/viewer.js", () => Results.Bytes(ViewerAssets.Script, "text/javascript; charset=utf-8"));
        app.MapGet("/api/scene.json", () => Results.Bytes(description, "application/json"));
        app.MapGet("/api/poses.bin", (int? first, int? count) =>
        {
            if (first is null && count is null)
            {
                return Results.Bytes(poses, "application/octet-stream");
            }

            var frames = scene.Poses.Frames;
            var from = Math.Clamp(first ?? 0, 0, frames.Count);
            var take = Math.Clamp(count ?? frames.Count, 0, frames.Count - from);
            var part = scene.Poses with { Frames = [.. frames.Skip(from).Take(take)] };
            return Results.Bytes(PoseBinary.Encode(part), "application/octet-stream");
        });
        app.MapGet("/api/views", (int frame) => Results.Bytes(ViewPanelData.ToJson(scene, frame), "application/json"));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"cannot listen on 127.0.0.1:{options.Port}: {ex.Message}", ex);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound).Port;
        return new ViewerServer(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Completes when the server stops (the token is cancelled).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private static bool IsLoopbackHost(string host) =>
        host is "127.0.0.1" or "localhost" or "[::1]" or "::1";
}
