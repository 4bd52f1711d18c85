using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SociTools.Tests.Hosting;
using SociTools.Tests.Registry;
using SociTools.Tests.Soci;
using Xunit;

namespace SociTools.Tests.Commands
{
    /// <summary>
    /// A registry that sends a blob's head and first bytes, then nothing: Ctrl+C stops the cmdlet at once, -TimeoutSec
    /// turns the silence into an error, and neither leaves a temporary file beside the destination.
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class StalledRegistryCommandTests : IDisposable
    {
        private const int HangLimitMs = 120_000;
        private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);
        private readonly RegistryFixture _registries;
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "socitools-stalled-" + Guid.NewGuid().ToString("n"));

        public StalledRegistryCommandTests(RegistryFixture registries)
        {
            _registries = registries;
            Directory.CreateDirectory(_folder);
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [Fact(Timeout = HangLimitMs)]
        public async Task Ctrl_C_stops_New_SociIndex_reading_a_layer_that_stalled()
        {
            var image = await LayeredImage.GetAsync(_registries.Anonymous, "V2");
            using var proxy = new LoopbackProxy(_registries.Anonymous.Port, request => StallLayers(image, request));
            using var session = new PowerShellSession();

            session.InvokeAndStop("New-SociIndex -Image $args[0] -OutputPath $args[1] -MinLayerSize 0 -Platform linux/amd64", proxy.Stalled, StopLimit,
                Through(proxy, image), Path.Combine(_folder, "layout"));

            Assert.False(Directory.Exists(Path.Combine(_folder, "layout", "blobs")));
        }

        [Fact(Timeout = HangLimitMs)]
        public async Task New_SociIndex_fails_with_RegistryUnreachable_when_a_layer_stalls_past_TimeoutSec()
        {
            var image = await LayeredImage.GetAsync(_registries.Anonymous, "V2");
            using var proxy = new LoopbackProxy(_registries.Anonymous.Port, request => StallLayers(image, request));
            using var session = new PowerShellSession();

            var error = session.InvokeExpectingItemError(
                "New-SociIndex -Image $args[0] -OutputPath $args[1] -MinLayerSize 0 -Platform linux/amd64 -TimeoutSec 1", Through(proxy, image), Path.Combine(_folder, "layout"));

            Assert.StartsWith("RegistryUnreachable,", error.FullyQualifiedErrorId);
            Assert.Contains("stalled", error.Exception.Message);
            Assert.Contains("-TimeoutSec", error.Exception.Message);
        }

        [Fact(Timeout = HangLimitMs)]
        public async Task Ctrl_C_stops_Get_SociFile_on_a_stalled_range_and_leaves_no_temporary_file()
        {
            var image = await LayeredImage.GetAsync(_registries.Anonymous, "V2");
            using var proxy = new LoopbackProxy(_registries.Anonymous.Port, StallRanges);
            using var session = new PowerShellSession();
            var destination = Path.Combine(_folder, "model.bin");

            session.InvokeAndStop("Get-SociFile -Image $args[0] -Name app/data/model.bin -Destination $args[1] -Platform linux/amd64", proxy.Stalled, StopLimit,
                Through(proxy, image), destination);

            Assert.Empty(Directory.GetFileSystemEntries(_folder));
        }

        [Fact(Timeout = HangLimitMs)]
        public async Task Get_SociFile_fails_on_a_stalled_range_after_TimeoutSec_and_leaves_no_temporary_file()
        {
            var image = await LayeredImage.GetAsync(_registries.Anonymous, "V2");
            using var proxy = new LoopbackProxy(_registries.Anonymous.Port, StallRanges);
            using var session = new PowerShellSession();
            var destination = Path.Combine(_folder, "model.bin");

            var error = session.InvokeExpectingItemError(
                "Get-SociFile -Image $args[0] -Name app/data/model.bin -Destination $args[1] -Platform linux/amd64 -TimeoutSec 1", Through(proxy, image), destination);

            Assert.StartsWith("RegistryUnreachable,", error.FullyQualifiedErrorId);
            Assert.Contains("stalled", error.Exception.Message);
            Assert.Empty(Directory.GetFileSystemEntries(_folder));
        }

        private static string Through(LoopbackProxy proxy, LayeredImage image) => $"{proxy.Host}/{image.Repository.Repository}:{LayeredImage.Tag}";

        private static ProxyReply? StallLayers(LayeredImage image, ProxyRequest request) =>
            request.Method == "GET" && image.Layers.Any(layer => request.Path.EndsWith("/blobs/" + layer.Digest)) ? ProxyReply.ForwardThenStall(2048) : null;

        private static ProxyReply? StallRanges(ProxyRequest request) =>
            request.Method == "GET" && request.Header("Range") != null ? ProxyReply.ForwardThenStall(2048) : null;
    }
}
