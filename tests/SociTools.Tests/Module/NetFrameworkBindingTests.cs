using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using SociTools.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace SociTools.Tests.Module
{
    /// <summary>
    /// Windows PowerShell 5.1 gives a module no binding redirects: every reference of the shipped folder must bind
    /// under .NET Framework's rules, or be one the module's resolve handler answers on purpose.
    /// </summary>
    public sealed class NetFrameworkBindingTests : IDisposable
    {
        // References only SociTools.Loader's handler satisfies, reviewed: the handler hands out the shipped copy.
        private static readonly string[] ReviewedHandlerAnswers =
        {
            "SociTools -> SociTools.Core", // the core lives in dependencies/, away from PowerShell's probing
            "SociTools.Core -> System.Buffers",
            "SharpCompress -> System.Buffers",
            "SharpCompress -> System.Memory",
            "System.Memory -> System.Buffers",
            "System.Memory -> System.Runtime.CompilerServices.Unsafe",
            "System.Text.Encodings.Web -> System.Buffers",
            "System.Text.Json -> System.Buffers",
            "System.Threading.Tasks.Extensions -> System.Runtime.CompilerServices.Unsafe",
        };

        // Answered with an older version than asked: SharpCompress 0.50.8 was built against System.Memory 4.6
        // (4.0.2.0), whose API is that of the 4.5.5 package shipped (4.0.1.2), the newest PowerShell 7.6 carries.
        private static readonly string[] ReviewedOlderAnswers = { "SharpCompress -> System.Memory" };

        private readonly ITestOutputHelper _output;
        private readonly string _copy = Path.Combine(Path.GetTempPath(), "socitools-binding-" + Guid.NewGuid().ToString("N"));

        public NetFrameworkBindingTests(ITestOutputHelper output) => _output = output;

        public void Dispose()
        {
            if (Directory.Exists(_copy))
            {
                Directory.Delete(_copy, recursive: true);
            }
        }

        [Fact]
        public void Every_reference_of_the_shipped_module_binds_on_NET_Framework()
        {
            var bindings = NetFrameworkBinding.Bind(RepositoryPaths.ModuleFolder, NetFrameworkBinding.ReferenceAssembliesFolder);

            var handled = bindings.Where(binding => binding.Outcome == BindingOutcome.ResolveHandler).ToList();
            _output.WriteLine($"{bindings.Count} references: " + string.Join(", ",
                bindings.GroupBy(binding => binding.Outcome).Select(group => $"{group.Count()} {group.Key}")));
            handled.ForEach(binding => _output.WriteLine("resolve handler: " + binding));

            Assert.Empty(Problems(bindings));
            Assert.Equal(ReviewedHandlerAnswers.Length, handled.Count);
            Assert.Contains(bindings, binding => binding.Outcome == BindingOutcome.Framework && binding.Name == "netstandard");
        }

        [Fact]
        public void A_dependency_that_would_need_a_redirect_fails_the_check()
        {
            CopyModuleAssemblies(RepositoryPaths.ModuleFolder, _copy);
            WriteAssembly(Path.Combine(_copy, "dependencies", "Contoso.Extra.dll"), "Contoso.Extra",
                ("System.Buffers", new Version(4, 0, 9, 0)), ("Contoso.Missing", new Version(1, 0, 0, 0)));

            var problems = Problems(NetFrameworkBinding.Bind(_copy, NetFrameworkBinding.ReferenceAssembliesFolder));

            Assert.Equal(new[]
            {
                "not reviewed for the resolve handler: Contoso.Extra -> System.Buffers 4.0.9.0 (ships 4.0.3.0)",
                "answered with an older version: Contoso.Extra -> System.Buffers 4.0.9.0 (ships 4.0.3.0)",
                "nothing ships or carries it: Contoso.Extra -> Contoso.Missing 1.0.0.0",
            }, problems);
        }

        private static List<string> Problems(IEnumerable<AssemblyBinding> bindings)
        {
            var problems = new List<string>();
            foreach (var binding in bindings)
            {
                var pair = $"{binding.Referrer} -> {binding.Name}";
                if (binding.Outcome == BindingOutcome.ResolveHandler && !ReviewedHandlerAnswers.Contains(pair))
                {
                    problems.Add("not reviewed for the resolve handler: " + binding);
                }
                if (binding.Outcome == BindingOutcome.ResolveHandler && binding.Shipped < binding.Requested && !ReviewedOlderAnswers.Contains(pair))
                {
                    problems.Add("answered with an older version: " + binding);
                }
                if (binding.Outcome == BindingOutcome.Unsatisfied)
                {
                    problems.Add("nothing ships or carries it: " + binding);
                }
            }
            return problems;
        }

        private static void CopyModuleAssemblies(string moduleFolder, string destination)
        {
            foreach (var folder in new[] { "", "dependencies" })
            {
                Directory.CreateDirectory(Path.Combine(destination, folder));
                foreach (var path in Directory.GetFiles(Path.Combine(moduleFolder, folder), "*.dll"))
                {
                    File.Copy(path, Path.Combine(destination, folder, Path.GetFileName(path)));
                }
            }
        }

        // A metadata-only library: an assembly definition and its references, nothing else.
        private static void WriteAssembly(string path, string name, params (string Name, Version Version)[] references)
        {
            var metadata = new MetadataBuilder();
            metadata.AddModule(0, metadata.GetOrAddString(name + ".dll"), metadata.GetOrAddGuid(new Guid("7d4b8a52-0c3e-4f1a-9b6e-5a2d1c0e9f31")), default, default);
            metadata.AddAssembly(metadata.GetOrAddString(name), new Version(1, 0, 0, 0), default, default, default, System.Reflection.AssemblyHashAlgorithm.Sha1);
            foreach (var (referenceName, version) in references)
            {
                metadata.AddAssemblyReference(metadata.GetOrAddString(referenceName), version, default, default, default, default);
            }
            metadata.AddTypeDefinition(default, default, metadata.GetOrAddString("<Module>"), default,
                MetadataTokens.FieldDefinitionHandle(1), MetadataTokens.MethodDefinitionHandle(1));
            var image = new BlobBuilder();
            new ManagedPEBuilder(PEHeaderBuilder.CreateLibraryHeader(), new MetadataRootBuilder(metadata), new BlobBuilder()).Serialize(image);
            File.WriteAllBytes(path, image.ToArray());
        }
    }
}
