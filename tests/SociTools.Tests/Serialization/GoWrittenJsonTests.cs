using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using SociTools.Core.Oci;
using SociTools.Core.Serialization;
using Xunit;

namespace SociTools.Tests.Serialization
{
    /// <summary>Checks OciJson against bytes a real Go program (umoci) wrote with encoding/json.</summary>
    public sealed class GoWrittenJsonTests : IDisposable
    {
        private readonly string _layout = Path.Combine(Path.GetTempPath(), "socitools-umoci-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_layout)) Directory.Delete(_layout, recursive: true);
        }

        private void Umoci(params string[] arguments)
        {
            var start = new ProcessStartInfo("umoci") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("umoci did not start; install it with 'apt-get install -y umoci'.");
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"umoci {string.Join(" ", arguments)} failed: {errors.Result}");
        }

        // umoci writes with json.Encoder, which adds one newline after the value.
        private static byte[] WithoutTrailingNewline(byte[] bytes) =>
            bytes.Length > 0 && bytes[bytes.Length - 1] == (byte)'\n' ? bytes.Take(bytes.Length - 1).ToArray() : bytes;

        private byte[] Blob(Digest digest) => WithoutTrailingNewline(File.ReadAllBytes(Path.Combine(_layout, "blobs", "sha256", digest.Encoded)));

        [Fact]
        public void Writes_the_same_bytes_as_go_for_a_manifest_with_escapes_and_unicode_keys()
        {
            Umoci("init", "--layout", _layout);
            Umoci("new", "--image", _layout + ":t");
            // \b and \f are left out on purpose: Go before 1.22 (umoci's build) writes them as \u0008 and \u000c.
            Umoci("config", "--image", _layout + ":t", "--os", "linux", "--architecture", "arm64",
                "--manifest.annotation", "note=<a&b> \u2028\u2029 é 日本 \u0001\t\n\r\"q\\ +/ \u007f",
                "--manifest.annotation", "\uFF01=fullwidth",
                "--manifest.annotation", "\U0001F600=emoji",
                "--manifest.annotation", "B=upper");

            var layoutIndexBytes = WithoutTrailingNewline(File.ReadAllBytes(Path.Combine(_layout, "index.json")));
            var layoutIndex = OciJson.ReadIndex(layoutIndexBytes);
            Assert.Equal(Encoding.UTF8.GetString(layoutIndexBytes), Encoding.UTF8.GetString(OciJson.Serialize(layoutIndex)));

            var manifestBytes = Blob(layoutIndex.Manifests.Single().Digest);
            var manifest = OciJson.ReadManifest(manifestBytes);
            Assert.Equal("<a&b> \u2028\u2029 é 日本 \u0001\t\n\r\"q\\ +/ \u007f", manifest.Annotations!["note"]);
            Assert.Equal(Encoding.UTF8.GetString(manifestBytes), Encoding.UTF8.GetString(OciJson.Serialize(manifest)));

            var platform = OciJson.ReadConfigPlatform(Blob(manifest.Config.Digest));
            Assert.Equal("linux/arm64", platform!.ToString());
        }
    }
}
