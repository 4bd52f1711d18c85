using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace SociTools.Core.Finch.Config
{
    /// <summary>
    /// Gives a finch.yaml or .finch folder that SociTools creates the modes Finch gives its own (0600 and 0700),
    /// on Unix runtimes that can set them (.NET 7+, so PowerShell 7.3+); elsewhere the defaults stay.
    /// </summary>
    internal static class OwnerOnlyModes
    {
        private const int OwnerReadWrite = 0x180;
        private const int OwnerReadWriteSearch = 0x1C0;

        // File.SetUnixFileMode and UnixFileMode are newer than netstandard2.0, so they are looked up.
        private static readonly Type? ModeType = Type.GetType("System.IO.UnixFileMode");
        private static readonly MethodInfo? SetMode = ModeType == null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), ModeType });

        public static void ApplyToFile(string path) => Apply(path, OwnerReadWrite);

        public static void ApplyToFolder(string path) => Apply(path, OwnerReadWriteSearch);

        private static void Apply(string path, int mode)
        {
            if (SetMode == null || RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            try
            {
                SetMode.Invoke(null, new[] { path, Enum.ToObject(ModeType!, mode) });
            }
            catch (TargetInvocationException)
            {
                // The modes are a courtesy; a file system that refuses them keeps its defaults.
            }
        }
    }
}
