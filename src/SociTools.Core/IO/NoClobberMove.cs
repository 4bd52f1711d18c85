using System.IO;
using System.Runtime.InteropServices;

namespace SociTools.Core.IO
{
    /// <summary>
    /// Moves a file to a name only if nothing is there, decided by the operating system in the same step as the move.
    /// .NET's File.Move without overwrite checks for the destination and then renames (rename(2) replaces), so a file created
    /// between the two is lost; link(2) fails with EEXIST instead, and MoveFileEx without MOVEFILE_REPLACE_EXISTING refuses too.
    /// </summary>
    internal static class NoClobberMove
    {
        private const int AlreadyExists = 17; // EEXIST on Linux and macOS alike

        /// <summary>Moves <paramref name="source"/> to <paramref name="destination"/>; false, with nothing moved, when the destination exists.</summary>
        public static bool TryMove(string source, string destination)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                if (HardLink(source, destination) == 0)
                {
                    AtomicFile.DeleteQuietly(source);
                    return true;
                }
                if (Marshal.GetLastWin32Error() == AlreadyExists) return false;
                // A file system without hard links (FAT, some network shares): .NET's check-then-rename is the best there is.
            }
            try
            {
                File.Move(source, destination);
                return true;
            }
            catch (IOException) when (File.Exists(source) && File.Exists(destination))
            {
                return false;
            }
        }

        [DllImport("libc", EntryPoint = "link", SetLastError = true)]
        private static extern int HardLink(string existingPath, string newPath);
    }
}
