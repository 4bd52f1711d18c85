using System;
using System.Collections.Generic;
using System.Linq;

namespace SociTools.Core.Registry
{
    /// <summary>The token scopes one request needs, e.g. <c>repository:team/app:pull,push</c>.</summary>
    internal sealed class RegistryScope
    {
        private RegistryScope(IReadOnlyList<string> entries)
        {
            Entries = entries;
            Key = string.Join(" ", entries);
        }

        public IReadOnlyList<string> Entries { get; }

        /// <summary>A stable text for caching tokens per scope.</summary>
        public string Key { get; }

        public bool IncludesPush => Entries.Any(e => e.EndsWith(",push", StringComparison.Ordinal) || e.EndsWith(":push", StringComparison.Ordinal));

        public static RegistryScope None { get; } = new RegistryScope(Array.Empty<string>());

        public static RegistryScope Pull(string repository) => new RegistryScope(new[] { $"repository:{repository}:pull" });

        public static RegistryScope PullPush(string repository) => new RegistryScope(new[] { $"repository:{repository}:pull,push" });

        public static RegistryScope Delete(string repository) => new RegistryScope(new[] { $"repository:{repository}:delete" });

        /// <summary>A cross-repository mount: push to the target, pull from the source.</summary>
        public static RegistryScope Mount(string target, string source) =>
            new RegistryScope(new[] { $"repository:{source}:pull", $"repository:{target}:pull,push" }.Distinct().OrderBy(s => s, StringComparer.Ordinal).ToArray());

        /// <summary>This scope plus the one the registry asked for, when it asked for another.</summary>
        public IReadOnlyList<string> With(string? challengeScope)
        {
            var all = new List<string>(Entries);
            if (!string.IsNullOrEmpty(challengeScope))
            {
                foreach (var entry in challengeScope!.Split(' '))
                {
                    if (entry.Length > 0 && !all.Contains(entry)) all.Add(entry);
                }
            }
            return all;
        }
    }
}
