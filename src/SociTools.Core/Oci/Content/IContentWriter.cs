using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Oci.Content
{
    /// <summary>Stores content; nothing becomes visible unless its size and digest match the descriptor.</summary>
    public interface IContentWriter
    {
        Task PushAsync(Descriptor descriptor, Stream content, CancellationToken cancellationToken);
    }
}
