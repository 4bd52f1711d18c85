using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Oci.Content
{
    /// <summary>Names content: tags in a registry, <c>org.opencontainers.image.ref.name</c> in a layout.</summary>
    public interface ITagStore
    {
        /// <summary>Resolves a tag or a digest to the descriptor of the manifest or index it names.</summary>
        Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken);

        Task TagAsync(Descriptor descriptor, string tag, CancellationToken cancellationToken);
    }
}
