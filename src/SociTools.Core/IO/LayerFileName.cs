using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace SociTools.Core.IO
{
    /// <summary>
    /// The name a file from a layer gets in a local folder: the last segment of its path in the layer, refused when it
    /// could name anything but a new file in that folder (a layer's names are whatever its author wrote).
    /// </summary>
    public static class LayerFileName
    {
        private static readonly char[] NeverInName = { '\\', ':', '\0' };
        private static readonly char[] WindowsInvalid = { '<', '>', '"', '|', '?', '*' };

        private static readonly HashSet<string> WindowsDeviceNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM\u00b9", "COM\u00b2", "COM\u00b3",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT\u00b9", "LPT\u00b2", "LPT\u00b3",
        };

        /// <summary>The file name for <paramref name="pathInLayer"/> under this OS's rules.</summary>
        /// <exception cref="UnsafeFileNameException">The name is empty, <c>.</c> or <c>..</c>, holds <c>\</c>, <c>:</c> or NUL, or is not a plain file name on Windows.</exception>
        public static string Of(string pathInLayer) => Of(pathInLayer, RuntimeInformation.IsOSPlatform(OSPlatform.Windows));

        /// <summary>The file name for <paramref name="pathInLayer"/>, adding Windows' rules when <paramref name="windows"/> is set.</summary>
        public static string Of(string pathInLayer, bool windows)
        {
            if (pathInLayer == null) throw new ArgumentNullException(nameof(pathInLayer));
            var trimmed = pathInLayer.TrimEnd('/');
            var name = trimmed.Substring(trimmed.LastIndexOf('/') + 1);
            var problem = ProblemWith(name, windows);
            if (problem != null)
            {
                throw new UnsafeFileNameException(pathInLayer,
                    $"The layer's file '{pathInLayer}' cannot be written under its own name '{name}': {problem}. Give -Destination a file path to choose the name.");
            }
            return name;
        }

        private static string? ProblemWith(string name, bool windows)
        {
            if (name.Length == 0) return "it is empty";
            if (name == "." || name == "..") return "it names a folder, so the file would be written outside the destination folder";
            if (name.IndexOfAny(NeverInName) >= 0)
            {
                return "it holds '\\', ':' or NUL, which on Windows leave the folder, name a drive or an alternate data stream";
            }
            if (!windows) return null;
            if (name.IndexOfAny(WindowsInvalid) >= 0 || HasControlCharacter(name)) return "it holds a character Windows does not allow in file names";
            if (name.EndsWith(".", StringComparison.Ordinal) || name.EndsWith(" ", StringComparison.Ordinal))
            {
                return "it ends with a dot or a space, which Windows drops, so another file would be written";
            }
            var stem = name.Split('.')[0].TrimEnd(' ');
            if (WindowsDeviceNames.Contains(stem)) return $"'{stem}' is a Windows device name, so the bytes would go to the device, not a file";
            return null;
        }

        private static bool HasControlCharacter(string name)
        {
            foreach (var c in name)
            {
                if (c < ' ') return true;
            }
            return false;
        }
    }
}
