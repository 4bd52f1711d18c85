using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Oci;
using SociTools.Core.Registry;
using SociTools.Core.Serialization;

namespace SociTools.Tests.Registry
{
    /// <summary>
    /// Walks everything a registry holds for one repository (every tag and every stored manifest, tagged or
    /// not) and lists each manifest or index that names content the registry lacks.
    /// </summary>
    public static class RegistryContentAudit
    {
        public sealed record Finding(string Manifest, string Missing);

        /// <param name="readBlobs">Also download every blob and check its digest, not only that it exists.</param>
        public static async Task<(IReadOnlyList<Finding> Missing, int ManifestsChecked)> AuditAsync(RegistryServer registry, string repositoryName, bool readBlobs)
        {
            using var client = new RegistryClient();
            var repository = registry.Repository(repositoryName);
            var roots = new List<Reference>();
            foreach (var tag in await TagsAsync(client, repository)) roots.Add(repository.WithTag(tag));
            roots.AddRange(registry.StoredManifestDigests(repositoryName).Select(d => repository.WithDigest(Digest.Parse(d))));

            var missing = new List<Finding>();
            var checkedManifests = new HashSet<Digest>();
            foreach (var root in roots)
            {
                var content = await client.GetManifestAsync(root, CancellationToken.None);
                if (!checkedManifests.Add(content.Descriptor.Digest)) continue;
                var name = $"{root} ({content.Descriptor.Digest})";
                if (MediaTypes.IsIndex(content.Descriptor.MediaType))
                {
                    var index = OciJson.ReadIndex(content.Bytes);
                    foreach (var child in index.Manifests) await ExpectManifestAsync(client, repository, name, child, missing);
                    if (index.Subject != null) await ExpectManifestAsync(client, repository, name, index.Subject, missing);
                }
                else
                {
                    var manifest = OciJson.ReadManifest(content.Bytes);
                    foreach (var blob in new[] { manifest.Config }.Concat(manifest.Layers))
                    {
                        await ExpectBlobAsync(client, repository, name, blob, readBlobs, missing);
                    }
                    if (manifest.Subject != null) await ExpectManifestAsync(client, repository, name, manifest.Subject, missing);
                }
            }
            return (missing, checkedManifests.Count);
        }

        private static async Task<IReadOnlyList<string>> TagsAsync(RegistryClient client, Reference repository)
        {
            try
            {
                return await client.ListTagsAsync(repository, CancellationToken.None);
            }
            catch (RegistryException ex) when (ex.Kind == RegistryErrorKind.NotFound)
            {
                return new List<string>();
            }
        }

        private static async Task ExpectManifestAsync(RegistryClient client, Reference repository, string parent, Descriptor child, List<Finding> missing)
        {
            var found = await client.HeadManifestAsync(repository.WithDigest(child.Digest), CancellationToken.None);
            if (found == null) missing.Add(new Finding(parent, $"manifest {child.Digest}"));
            else if (found.Size != child.Size) missing.Add(new Finding(parent, $"manifest {child.Digest} of {child.Size} bytes (registry has {found.Size})"));
        }

        private static async Task ExpectBlobAsync(RegistryClient client, Reference repository, string parent, Descriptor blob, bool read, List<Finding> missing)
        {
            var found = await client.HeadBlobAsync(repository, blob.Digest, CancellationToken.None);
            if (found == null)
            {
                missing.Add(new Finding(parent, $"blob {blob.Digest}"));
                return;
            }
            if (found.Size != blob.Size) missing.Add(new Finding(parent, $"blob {blob.Digest} of {blob.Size} bytes (registry has {found.Size})"));
            if (!read) return;
            await using var stream = await client.OpenBlobAsync(repository, blob, CancellationToken.None);
            await stream.CopyToAsync(Stream.Null);
        }
    }
}
