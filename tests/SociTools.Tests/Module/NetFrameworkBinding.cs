using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace SociTools.Tests.Module
{
    /// <summary>How .NET Framework would bind one assembly reference of the shipped module.</summary>
    public enum BindingOutcome
    {
        /// <summary>A framework assembly at or above the version asked: the runtime unifies it, no redirect needed.</summary>
        Framework,
        /// <summary>Provided by the PowerShell host itself (System.Management.Automation).</summary>
        Host,
        /// <summary>The exact version, beside the assembly that asks: LoadFrom probing finds it.</summary>
        Probing,
        /// <summary>Shipped, but another version or in the other folder: only the module's resolve handler answers it.</summary>
        ResolveHandler,
        /// <summary>Nothing the module ships or the framework carries: a FileNotFoundException on Windows PowerShell.</summary>
        Unsatisfied,
    }

    public sealed record AssemblyBinding(string Referrer, string Name, Version Requested, BindingOutcome Outcome, Version? Shipped)
    {
        public override string ToString() =>
            $"{Referrer} -> {Name} {Requested}" + (Shipped != null && Shipped != Requested ? $" (ships {Shipped})" : "");
    }

    /// <summary>
    /// Reads a module folder's assembly references (System.Reflection.Metadata, nothing loaded) and binds each as
    /// .NET Framework 4.7.2 would in powershell.exe, which has no binding redirects for modules: framework
    /// assemblies unify when the version asked is no higher than the framework's; anything else needs the exact
    /// version found by probing beside the asking assembly, or an answer from SociTools.Loader's resolve handler,
    /// which hands out whatever the module ships under that name.
    /// </summary>
    public static class NetFrameworkBinding
    {
        private static readonly Dictionary<string, Version> HostAssemblies = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase)
        {
            ["System.Management.Automation"] = new Version(3, 0, 0, 0),
        };

        /// <summary>The .NET Framework 4.7.2 reference assemblies restored from NuGet (Microsoft.NETFramework.ReferenceAssemblies.net472).</summary>
        public static string ReferenceAssembliesFolder
        {
            get
            {
                var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
                return Path.Combine(packages, "microsoft.netframework.referenceassemblies.net472", "1.0.3", "build", ".NETFramework", "v4.7.2");
            }
        }

        public static IReadOnlyList<AssemblyBinding> Bind(string moduleFolder, string frameworkFolder)
        {
            var framework = ReadIdentities(Directory.GetFiles(frameworkFolder, "*.dll")
                .Concat(Directory.GetFiles(Path.Combine(frameworkFolder, "Facades"), "*.dll")));
            var shippedFiles = Directory.GetFiles(moduleFolder, "*.dll")
                .Concat(Directory.GetFiles(Path.Combine(moduleFolder, "dependencies"), "*.dll")).ToList();
            var shipped = shippedFiles.ToDictionary(path => Path.GetFileNameWithoutExtension(path), StringComparer.OrdinalIgnoreCase);

            var bindings = new List<AssemblyBinding>();
            foreach (var referrerPath in shippedFiles)
            {
                foreach (var (name, requested) in ReadReferences(referrerPath))
                {
                    shipped.TryGetValue(name, out var shippedPath);
                    var shippedVersion = shippedPath == null ? null : ReadIdentity(shippedPath)?.Version;
                    var outcome = Outcome(name, requested, framework, referrerPath, shippedPath, shippedVersion);
                    bindings.Add(new AssemblyBinding(Path.GetFileNameWithoutExtension(referrerPath), name, requested, outcome, shippedVersion));
                }
            }
            return bindings;
        }

        private static BindingOutcome Outcome(string name, Version requested, Dictionary<string, Version> framework,
            string referrerPath, string? shippedPath, Version? shippedVersion)
        {
            if (framework.TryGetValue(name, out var frameworkVersion) && requested <= frameworkVersion)
            {
                return BindingOutcome.Framework;
            }
            if (HostAssemblies.TryGetValue(name, out var hostVersion) && requested <= hostVersion)
            {
                return BindingOutcome.Host;
            }
            if (shippedPath == null)
            {
                return BindingOutcome.Unsatisfied;
            }
            return shippedVersion == requested && Path.GetDirectoryName(shippedPath) == Path.GetDirectoryName(referrerPath)
                ? BindingOutcome.Probing
                : BindingOutcome.ResolveHandler;
        }

        private static Dictionary<string, Version> ReadIdentities(IEnumerable<string> paths)
        {
            var identities = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
            foreach (var path in paths)
            {
                if (ReadIdentity(path) is { } identity)
                {
                    identities[identity.Name] = identity.Version;
                }
            }
            return identities;
        }

        private static (string Name, Version Version)? ReadIdentity(string path)
        {
            using var pe = new PEReader(File.OpenRead(path));
            if (!pe.HasMetadata)
            {
                return null;
            }
            var metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly)
            {
                return null;
            }
            var definition = metadata.GetAssemblyDefinition();
            return (metadata.GetString(definition.Name), definition.Version);
        }

        private static List<(string Name, Version Version)> ReadReferences(string path)
        {
            using var pe = new PEReader(File.OpenRead(path));
            var metadata = pe.GetMetadataReader();
            return metadata.AssemblyReferences
                .Select(handle => metadata.GetAssemblyReference(handle))
                .Select(reference => (metadata.GetString(reference.Name), reference.Version))
                .ToList();
        }
    }
}
