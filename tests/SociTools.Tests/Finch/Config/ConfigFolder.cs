using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch.Config;

namespace SociTools.Tests.Finch.Config
{
    /// <summary>A temporary folder standing in for ~/.finch, with helpers to write and read finch.yaml as exact bytes.</summary>
    public sealed class ConfigFolder : IDisposable
    {
        public ConfigFolder()
        {
            Folder = Path.Combine(Path.GetTempPath(), "finch-config-" + Guid.NewGuid().ToString("n"));
            Directory.CreateDirectory(Folder);
            ConfigPath = Path.Combine(Folder, ".finch", "finch.yaml");
        }

        public string Folder { get; }

        public string ConfigPath { get; }

        public string Write(string text, bool byteOrderMark = false)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(ConfigPath)!);
            var body = Encoding.UTF8.GetBytes(text);
            File.WriteAllBytes(ConfigPath, byteOrderMark ? Concat(new byte[] { 0xEF, 0xBB, 0xBF }, body) : body);
            return ConfigPath;
        }

        /// <summary>Plans and writes the enable edit, as Enable-SociSnapshotter does; returns the backup's path.</summary>
        public async Task<string?> EnableSociAsync(bool makeDefault = false)
        {
            var edit = await FinchConfigFile.PlanSociEnableAsync(ConfigPath, makeDefault, CancellationToken.None);
            return await FinchConfigFile.WriteAsync(edit, CancellationToken.None);
        }

        /// <summary>Plans and writes the disable edit, as Disable-SociSnapshotter does; returns the backup's path.</summary>
        public async Task<string?> DisableSociAsync()
        {
            var edit = await FinchConfigFile.PlanSociDisableAsync(ConfigPath, CancellationToken.None);
            return await FinchConfigFile.WriteAsync(edit, CancellationToken.None);
        }

        public byte[] Bytes => File.ReadAllBytes(ConfigPath);

        public string Text => Encoding.UTF8.GetString(Bytes);

        public void Dispose() => Directory.Delete(Folder, recursive: true);

        private static byte[] Concat(byte[] a, byte[] b)
        {
            var all = new byte[a.Length + b.Length];
            a.CopyTo(all, 0);
            b.CopyTo(all, a.Length);
            return all;
        }
    }
}
