using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch;
using SociTools.Core.Finch.Config;
using Xunit;

namespace SociTools.Tests.Finch.Config
{
    public class FinchConfigRestartTests
    {
        [Fact]
        public async Task A_running_VM_is_stopped_then_started()
        {
            var vm = new RecordingVm(FinchVmState.Running);

            var outcome = await FinchConfigRestart.ApplyAsync(vm, FinchHostKind.MacOS, CancellationToken.None);

            Assert.True(outcome.Restarted);
            Assert.Equal(new[] { "state", "stop", "start" }, vm.Calls);
        }

        [Theory]
        [InlineData(FinchVmState.Stopped, "next Start-FinchVM")]
        [InlineData(FinchVmState.Nonexistent, "when it is created")]
        public async Task A_VM_that_is_not_running_is_left_alone(FinchVmState state, string message)
        {
            var vm = new RecordingVm(state);

            var outcome = await FinchConfigRestart.ApplyAsync(vm, FinchHostKind.Windows, CancellationToken.None);

            Assert.False(outcome.Restarted);
            Assert.Equal(state, outcome.State);
            Assert.Contains(message, outcome.Message);
            Assert.Equal(new[] { "state" }, vm.Calls);
        }

        [Fact]
        public async Task Linux_has_no_VM_to_restart()
        {
            var vm = new RecordingVm(FinchVmState.Running);

            var outcome = await FinchConfigRestart.ApplyAsync(vm, FinchHostKind.LinuxNative, CancellationToken.None);

            Assert.False(outcome.Restarted);
            Assert.Contains("no VM", outcome.Message);
            Assert.Empty(vm.Calls);
        }

        [Fact]
        public async Task Through_finch_a_running_VM_gets_vm_stop_then_vm_start()
        {
            using var finch = new FinchDouble();
            finch.SetVmState(FinchVmState.Running);
            var vm = new FinchVm(new FinchCli(finch.Executable, FinchHostKind.MacOS));

            var outcome = await FinchConfigRestart.ApplyAsync(vm, FinchHostKind.MacOS, CancellationToken.None);

            Assert.True(outcome.Restarted);
            Assert.Equal(new[] { "vm status", "vm status", "vm stop", "vm status", "vm start" }, finch.CallLines);
            Assert.Equal("Running", finch.VmState);
        }

        private sealed class RecordingVm : IFinchVmControl
        {
            private readonly FinchVmState _state;

            public RecordingVm(FinchVmState state) => _state = state;

            public List<string> Calls { get; } = new List<string>();

            public Task<FinchVmState> GetStateAsync(CancellationToken cancellationToken)
            {
                Calls.Add("state");
                return Task.FromResult(_state);
            }

            public Task StartAsync(CancellationToken cancellationToken)
            {
                Calls.Add("start");
                return Task.CompletedTask;
            }

            public Task StopAsync(bool force, CancellationToken cancellationToken)
            {
                Calls.Add("stop");
                return Task.CompletedTask;
            }
        }
    }
}
