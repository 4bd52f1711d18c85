using System.IO;
using System.Reflection;

namespace SociTools.Core.Finch.Config
{
    /// <summary>
    /// Follows a symbolic link to the file it names, so that replacing finch.yaml writes the file a dotfiles link
    /// points to instead of turning the link into a plain file.
    /// </summary>
    internal static class SymbolicLinks
    {
        // FileSystemInfo.ResolveLinkTarget exists from .NET 6 (PowerShell 7.2+); netstandard2.0 cannot name it.
        private static readonly MethodInfo? ResolveLinkTarget = typeof(FileSystemInfo).GetMethod("ResolveLinkTarget", new[] { typeof(bool) });

        /// <summary>The final target of <paramref name="path"/> when it is a symbolic link; otherwise the path itself.</summary>
        public static string FinalPath(string path)
        {
            var info = new FileInfo(path);
            var attributes = info.Attributes;
            // (FileAttributes)(-1): nothing at the path, so nothing to follow.
            if (ResolveLinkTarget == null || (int)attributes == -1 || (attributes & FileAttributes.ReparsePoint) == 0) return path;
            try
            {
                return ResolveLinkTarget.Invoke(info, new object[] { true }) is FileSystemInfo target ? target.FullName : path;
            }
            catch (TargetInvocationException e) when (e.InnerException is IOException)
            {
                throw new FinchConfigException(path, $"it is a symbolic link that cannot be followed ({e.InnerException.Message}); pass -ConfigPath with the file it points to.", inner: e.InnerException);
            }
        }
    }
}
