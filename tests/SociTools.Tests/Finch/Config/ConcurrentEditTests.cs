using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch.Config;
using SociTools.Core.IO;
using SociTools.Tests.IO;
using Xunit;

namespace SociTools.Tests.Finch.Config
{
    /// <summary>Enable and disable runs released together each report a change only when their change landed.</summary>
    public class ConcurrentEditTests
    {
        private const string Disabled = "snapshotters:\n  - overlayfs\n";

        /// <summary>A lost change shows in most rounds, not all; five rounds make a pass by luck unlikely.</summary>
        private const int Rounds = 5;

        [Fact]
        public async Task Concurrent_planned_writes_either_land_or_fail_as_changed_meanwhile_never_silently()
        {
            for (var round = 0; round < Rounds; round++) await PlannedWritesRoundAsync();
        }

        [Fact]
        public async Task Concurrent_applied_changes_all_land_each_from_the_list_it_found()
        {
            for (var round = 0; round < Rounds; round++) await AppliedChangesRoundAsync();
        }

        private static async Task PlannedWritesRoundAsync()
        {
            using var folder = new ConfigFolder();
            folder.Write(Disabled);

            var outcomes = await RaceAsync(folder, async (enable, _) =>
            {
                var edit = await PlanAsync(folder, enable);
                try
                {
                    await FinchConfigFile.WriteAsync(edit, CancellationToken.None);
                    return (edit.Changed, edit.Before, edit.After);
                }
                catch (FinchConfigException e) when (e.Problem == FinchConfigProblem.ChangedMeanwhile)
                {
                    return (false, edit.Before, edit.Before);
                }
            });

            AssertEveryReportedChangeLanded(folder, outcomes);
        }

        private static async Task AppliedChangesRoundAsync()
        {
            using var folder = new ConfigFolder();
            folder.Write(Disabled);

            var outcomes = await RaceAsync(folder, async (enable, _) =>
            {
                var planned = await PlanAsync(folder, enable);
                var (applied, _) = await FinchConfigFile.ApplyAsync(planned, CancellationToken.None);
                return (applied.Changed, applied.Before, applied.After);
            });

            AssertEveryReportedChangeLanded(folder, outcomes);
        }

        [Fact]
        public async Task A_write_waits_for_another_process_holding_the_lock_and_then_lands()
        {
            using var folder = new ConfigFolder();
            folder.Write(Disabled);
            using var other = new LockHolderProcess(FileLock.PathFor(folder.ConfigPath));
            Assert.Equal("held", await other.SendAsync("try"));
            var planned = await FinchConfigFile.PlanSociEnableAsync(folder.ConfigPath, makeDefault: true, CancellationToken.None);

            var applying = FinchConfigFile.ApplyAsync(planned, CancellationToken.None);
            Assert.False(applying.IsCompleted);
            Assert.Equal(Disabled, folder.Text);
            Assert.Equal("released", await other.SendAsync("release"));
            var (applied, _) = await applying;

            Assert.True(applied.Changed);
            Assert.Equal("snapshotters:\n  - soci\n  - overlayfs\n", folder.Text);
        }

        /// <summary>What Enable-SociSnapshotter -Default or Disable-SociSnapshotter plans before writing.</summary>
        private static Task<SnapshottersEdit> PlanAsync(ConfigFolder folder, bool enable) => enable
            ? FinchConfigFile.PlanSociEnableAsync(folder.ConfigPath, makeDefault: true, CancellationToken.None)
            : FinchConfigFile.PlanSociDisableAsync(folder.ConfigPath, CancellationToken.None);

        /// <summary>10 enable (-Default) and 10 disable runs, released together as in the reported defect.</summary>
        private static async Task<IReadOnlyList<(bool Enable, bool Changed, IReadOnlyList<string> Before, IReadOnlyList<string> After)>> RaceAsync(
            ConfigFolder folder, Func<bool, int, Task<(bool Changed, IReadOnlyList<string> Before, IReadOnlyList<string> After)>> run)
        {
            var start = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var runs = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
            {
                await start.Task;
                var enable = i % 2 == 0;
                var (changed, before, after) = await run(enable, i);
                return (enable, changed, before, after);
            })).ToList();
            start.SetResult(true);
            return await Task.WhenAll(runs);
        }

        /// <summary>
        /// Every reported change flips the list between [overlayfs] and [soci, overlayfs]. Landed changes happen one after
        /// another, so reported enables and disables alternate from the starting list, and the count decides the end state.
        /// A change reported from a stale list (lost) breaks that count.
        /// </summary>
        private static void AssertEveryReportedChangeLanded(ConfigFolder folder, IReadOnlyList<(bool Enable, bool Changed, IReadOnlyList<string> Before, IReadOnlyList<string> After)> outcomes)
        {
            var enables = outcomes.Count(o => o.Changed && o.Enable);
            var disables = outcomes.Count(o => o.Changed && !o.Enable);
            Assert.True(enables == disables || enables == disables + 1, $"{enables} enables and {disables} disables reported a change");
            var expected = enables > disables ? "snapshotters:\n  - soci\n  - overlayfs\n" : Disabled;
            Assert.Equal(expected, folder.Text);
            Assert.All(outcomes.Where(o => o.Changed), o => Assert.Equal(o.Enable ? new[] { "overlayfs" } : new[] { "soci", "overlayfs" }, o.Before));
        }
    }
}
