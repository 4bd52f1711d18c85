using System;
using System.Management.Automation;
using System.Reflection;

namespace SociTools.Loader
{
    /// <summary>
    /// Resolves the module's dependencies from its dependencies folder, and only those: on PowerShell 7 from
    /// a module-private load context (so another module's YamlDotNet and ours never meet), on Windows
    /// PowerShell 5.1 with Assembly.LoadFrom whatever version is asked, which stands in for the binding
    /// redirects powershell.exe has no place for.
    /// </summary>
    /// <remarks>
    /// Its own assembly, loaded first (NestedModules): PowerShell reads the cmdlets assembly's types on import,
    /// and they already need the core, so the hook must be in place before that assembly is touched.
    /// </remarks>
    public sealed class DependencyLoader : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly object Gate = new object();
        private static readonly Assembly ModuleAssembly = typeof(DependencyLoader).Assembly;
        private static ShippedDependencies? _dependencies;
        private static PrivateLoadContext? _context;
        private static bool _registered;

        public void OnImport()
        {
            lock (Gate)
            {
                if (_registered)
                {
                    return;
                }
                // A re-import reuses the context: .NET cannot unload the assemblies it already holds.
                _dependencies ??= ShippedDependencies.Beside(ModuleAssembly);
                _context ??= PrivateLoadContext.TryCreate("SociTools", _dependencies);
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
                _registered = true;
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
                _registered = false;
            }
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var dependencies = _dependencies;
            // .NET Framework may not name the requester; then the shipped name alone decides.
            if (dependencies == null || (args.RequestingAssembly != null && !dependencies.Holds(args.RequestingAssembly)))
            {
                return null;
            }
            var requested = new AssemblyName(args.Name);
            if (_context != null)
            {
                return _context.Find(requested);
            }
            var path = dependencies.PathOf(requested);
            return path == null ? null : Assembly.LoadFrom(path);
        }
    }
}
