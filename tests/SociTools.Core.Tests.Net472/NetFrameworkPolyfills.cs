using System;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

// The .NET Core APIs the linked test sources use and .NET Framework 4.7.2 lacks, so the same files compile here
// unchanged. Test code only: the core itself targets netstandard2.0 and needs none of them.

namespace System
{
    /// <summary>What the compiler needs for <c>array[^n]</c>.</summary>
    internal readonly struct Index
    {
        private readonly int _value;

        public Index(int value, bool fromEnd = false)
        {
            if (value < 0) throw new ArgumentOutOfRangeException(nameof(value));
            _value = fromEnd ? ~value : value;
        }

        public bool IsFromEnd => _value < 0;

        public int Value => _value < 0 ? ~_value : _value;

        public int GetOffset(int length) => IsFromEnd ? length - Value : Value;

        public static implicit operator Index(int value) => new Index(value);
    }
}

namespace System.Runtime.CompilerServices
{
    /// <summary>What the compiler needs for <c>init</c> accessors and records.</summary>
    internal static class IsExternalInit
    {
    }
}

namespace SociTools.Tests
{
    internal static class NetFrameworkPolyfills
    {
        public static void Write(this Stream stream, byte[] buffer) => stream.Write(buffer, 0, buffer.Length);

        public static void Write(this Stream stream, ReadOnlySpan<byte> buffer)
        {
            var copy = buffer.ToArray();
            stream.Write(copy, 0, copy.Length);
        }

        public static void ReadExactly(this Stream stream, byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                var read = stream.Read(buffer, offset, count);
                if (read == 0) throw new EndOfStreamException();
                offset += read;
                count -= read;
            }
        }

        public static void ReadExactly(this Stream stream, byte[] buffer) => stream.ReadExactly(buffer, 0, buffer.Length);

        public static void Deconstruct<TKey, TValue>(this System.Collections.Generic.KeyValuePair<TKey, TValue> pair, out TKey key, out TValue value)
        {
            key = pair.Key;
            value = pair.Value;
        }

        public static Task WaitForExitAsync(this Process process, CancellationToken cancellationToken = default) =>
            Task.Run(() => process.WaitForExit(), cancellationToken);

        /// <summary>Mono kills the process alone; the test tools started here (docker-registry, skopeo) start no children.</summary>
        public static void Kill(this Process process, bool entireProcessTree) => process.Kill();

        extension(ProcessStartInfo start)
        {
            public ArgumentListShim ArgumentList => new ArgumentListShim(start);
        }

        extension(Convert)
        {
            public static string ToHexString(byte[] bytes)
            {
                var text = new StringBuilder(bytes.Length * 2);
                foreach (var b in bytes) text.Append(b.ToString("X2"));
                return text.ToString();
            }
        }

        extension(OperatingSystem)
        {
            public static bool IsWindows() => Environment.OSVersion.Platform == PlatformID.Win32NT;
        }

        extension(Path)
        {
            public static string GetRelativePath(string relativeTo, string path)
            {
                var from = new Uri(Path.GetFullPath(relativeTo).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar);
                var relative = Uri.UnescapeDataString(from.MakeRelativeUri(new Uri(Path.GetFullPath(path))).ToString());
                return relative.Replace('/', Path.DirectorySeparatorChar);
            }
        }

        extension(SHA256)
        {
            public static byte[] HashData(byte[] data)
            {
                using var sha = SHA256.Create();
                return sha.ComputeHash(data);
            }

            public static byte[] HashData(ReadOnlySpan<byte> data) => HashData(data.ToArray());
        }

        extension(File)
        {
            public static void SetUnixFileMode(string path, UnixFileMode mode)
            {
                if (chmod(path, (int)mode) != 0) throw new IOException($"chmod {path} failed (errno {System.Runtime.InteropServices.Marshal.GetLastWin32Error()}).");
            }

            public static UnixFileMode GetUnixFileMode(string path)
            {
                using var stat = Process.Start(new ProcessStartInfo("stat", "-c %a \"" + path + "\"") { RedirectStandardOutput = true, UseShellExecute = false })
                    ?? throw new InvalidOperationException("stat did not start");
                var octal = stat.StandardOutput.ReadToEnd().Trim();
                stat.WaitForExit();
                return (UnixFileMode)Convert.ToInt32(octal, 8);
            }
        }

        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        private static extern int chmod(string path, int mode);
    }

    /// <summary>System.IO.UnixFileMode (.NET 7+), the same values.</summary>
    [Flags]
    internal enum UnixFileMode
    {
        None = 0,
        OtherExecute = 1,
        OtherWrite = 2,
        OtherRead = 4,
        GroupExecute = 8,
        GroupWrite = 16,
        GroupRead = 32,
        UserExecute = 64,
        UserWrite = 128,
        UserRead = 256,
    }

    /// <summary>ProcessStartInfo.ArgumentList (.NET Core 2.1+): each argument added is quoted onto Arguments.</summary>
    internal sealed class ArgumentListShim
    {
        private readonly ProcessStartInfo _start;

        public ArgumentListShim(ProcessStartInfo start) => _start = start;

        public void Add(string argument)
        {
            var quoted = "\"" + argument.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
            _start.Arguments = _start.Arguments.Length == 0 ? quoted : _start.Arguments + " " + quoted;
        }
    }
}
