using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using SociTools.Core.Tar;
using Xunit;

namespace SociTools.Tests.Tar
{
    /// <summary>Runs the TOC builder over tar bytes and checks recorded offsets against the archive.</summary>
    internal static class TarTestSupport
    {
        public static TarToc BuildToc(byte[] tar, int chunkSize = 4096)
        {
            var builder = new TarTocBuilder();
            for (var offset = 0; offset < tar.Length; offset += chunkSize)
            {
                builder.Write(tar.AsSpan(offset, Math.Min(chunkSize, tar.Length - offset)));
            }
            return builder.Complete();
        }

        public static TocEntry Entry(TarToc toc, string name)
        {
            foreach (var entry in toc.Entries)
            {
                if (entry.Name.ToString() == name) return entry;
            }
            throw new Xunit.Sdk.XunitException($"No entry '{name}' in: {string.Join(", ", toc.Entries)}");
        }

        public static void AssertDataAt(byte[] tar, TocEntry entry, byte[] content)
        {
            Assert.Equal(content.Length, entry.Size);
            Assert.True(entry.DataOffset + entry.Size <= tar.Length, $"{entry} runs past the archive end");
            Assert.Equal(content, tar.AsSpan((int)entry.DataOffset, (int)entry.Size).ToArray());
        }

        /// <summary>Where the archive's two zero blocks end, found by walking the headers independently of the builder.</summary>
        public static long EndOfArchive(byte[] tar, TarToc toc)
        {
            var last = toc.Entries[toc.Entries.Count - 1];
            var dataLength = last.Type == TarEntryType.Regular ? last.Size : 0;
            var end = last.DataOffset + ((dataLength + 511) & ~511L);
            Assert.All(tar.AsSpan((int)end, 1024).ToArray(), b => Assert.Equal(0, b));
            return end + 1024;
        }

        public static TempTree TempDirectory() => new TempTree();

        /// <summary>A directory under the temp path that is deleted with everything in it on dispose.</summary>
        public sealed class TempTree : IDisposable
        {
            public TempTree()
            {
                Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "socitools-tar-" + Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(Path);
            }

            public string Path { get; }

            public static implicit operator string(TempTree tree) => tree.Path;

            public void Dispose() => Directory.Delete(Path, recursive: true);
        }

        /// <summary>Runs GNU tar in <paramref name="directory"/> and returns the archive bytes; fails the test if tar is missing or fails.</summary>
        public static byte[] GnuTar(string directory, params string[] arguments)
        {
            var archive = Path.Combine(Path.GetTempPath(), "socitools-" + Guid.NewGuid().ToString("N") + ".tar");
            var start = new ProcessStartInfo("tar") { WorkingDirectory = directory, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-cf");
            start.ArgumentList.Add(archive);
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("GNU tar could not be started; install tar.");
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"tar {string.Join(" ", arguments)} failed: {errors}");
            var bytes = File.ReadAllBytes(archive);
            File.Delete(archive);
            return bytes;
        }

        public static void Run(string directory, string program, params string[] arguments)
        {
            var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started.");
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{program} {string.Join(" ", arguments)} failed: {errors}");
        }

        public static void SetUserXattr(string path, string name, byte[] value)
        {
            if (setxattr(path, name, value, (UIntPtr)value.Length, 0) != 0)
            {
                throw new InvalidOperationException($"setxattr({path}, {name}) failed with errno {Marshal.GetLastWin32Error()}; the temp filesystem must support user xattrs.");
            }
        }

        public static byte[] Content(int seed, int length)
        {
            var bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }

        public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

        [DllImport("libc", SetLastError = true)]
        private static extern int setxattr(string path, string name, byte[] value, UIntPtr size, int flags);
    }
}
