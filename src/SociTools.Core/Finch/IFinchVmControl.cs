using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Finch
{
    /// <summary>Controls the Finch VM; the config cmdlets restart it through this after a change.</summary>
    public interface IFinchVmControl
    {
        Task<FinchVmState> GetStateAsync(CancellationToken cancellationToken);

        /// <summary>Starts the VM, initializing it when it does not exist; does nothing when it is running.</summary>
        Task StartAsync(CancellationToken cancellationToken);

        /// <summary>Stops the VM; does nothing when it does not exist, or is stopped and <paramref name="force"/> is false.</summary>
        Task StopAsync(bool force, CancellationToken cancellationToken);
    }
}
