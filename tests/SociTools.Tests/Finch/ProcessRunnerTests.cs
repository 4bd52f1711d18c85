using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SociTools.Core.Finch;
using Xunit;

namespace SociTools.Tests.Finch
{
    public sealed class ProcessRunnerTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "process-runner-" + Guid.NewGuid().ToString("n"));

        public ProcessRunnerTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [Fact]
        public async Task Streams_each_line_while_the_child_still_runs()
        {
            var release = Path.Combine(_folder, "release");
            // The child prints its second line only after the test saw the first one and created the release file.
            var script = Script("echo first; for i in $(seq 1 400); do [ -f \"$1\" ] && { echo second; exit 0; }; sleep 0.05; done; echo 'never released'");
            var seen = new List<string>();

            var result = await ProcessRunner.RunAsync(script, new[] { release }, new ProcessRunOptions
            {
                OnLine = line =>
                {
                    seen.Add(line.Text);
                    if (line.Text == "first") File.WriteAllText(release, "");
                },
            }, CancellationToken.None);

            Assert.Equal(new[] { "first", "second" }, seen);
            Assert.Equal(0, result.ExitCode);
        }

        [Fact]
        public async Task Carriage_returns_end_lines_and_both_streams_are_kept_apart()
        {
            var script = Script("printf 'a\\rb\\r\\nc\\n\\nd'; printf 'e1\\ne2' >&2; exit 3");
            var lines = new List<ProcessOutputLine>();

            var result = await ProcessRunner.RunAsync(script, Array.Empty<string>(), new ProcessRunOptions { OnLine = lines.Add }, CancellationToken.None);

            Assert.Equal(new[] { "a", "b", "c", "", "d" }, lines.Where(l => l.Stream == ProcessOutputStream.StandardOutput).Select(l => l.Text));
            Assert.Equal(new[] { "e1", "e2" }, lines.Where(l => l.Stream == ProcessOutputStream.StandardError).Select(l => l.Text));
            Assert.Equal("a\rb\r\nc\n\nd", result.StandardOutput);
            Assert.Equal("e1\ne2", result.StandardError);
            Assert.Equal(3, result.ExitCode);
        }

        [Fact]
        public async Task Large_output_on_both_streams_does_not_deadlock()
        {
            var script = Script("for i in $(seq 1 30000); do echo \"out line $i\"; echo \"err line $i\" >&2; done");
            var count = 0;

            var result = await ProcessRunner.RunAsync(script, Array.Empty<string>(), new ProcessRunOptions { OnLine = _ => count++ }, CancellationToken.None);

            Assert.Equal(60000, count);
            Assert.EndsWith("out line 30000\n", result.StandardOutput);
            Assert.EndsWith("err line 30000\n", result.StandardError);
        }

        [Fact]
        public async Task Kept_output_is_the_tail_of_each_stream_while_every_line_still_streams()
        {
            var script = Script("for i in $(seq 1 5000); do echo \"out line $i\"; echo \"err line $i\" >&2; done");
            var count = 0;

            var result = await ProcessRunner.RunAsync(script, Array.Empty<string>(), new ProcessRunOptions { OnLine = _ => count++, KeptCharacters = 100 }, CancellationToken.None);

            Assert.Equal(10000, count);
            Assert.Equal(100, result.StandardOutput.Length);
            Assert.EndsWith("out line 4999\nout line 5000\n", result.StandardOutput);
            Assert.Equal(100, result.StandardError.Length);
            Assert.EndsWith("err line 5000\n", result.StandardError);
        }

        [Fact]
        public async Task Output_without_line_breaks_streams_in_bounded_pieces_and_loses_nothing()
        {
            // Like a container writing a blob to stdout: one "line" of 2.5 MiB must not be held whole before it is passed on.
            var script = Script("head -c 2621440 /dev/zero | tr '\\0' x");
            var lengths = new List<int>();

            await ProcessRunner.RunAsync(script, Array.Empty<string>(), new ProcessRunOptions { OnLine = line => lengths.Add(line.Text.Length), KeptCharacters = 100 }, CancellationToken.None);

            Assert.Equal(new[] { 1024 * 1024, 1024 * 1024, 512 * 1024 }, lengths);
        }

        [Fact]
        public async Task A_line_of_exactly_the_piece_size_is_one_line()
        {
            var script = Script("head -c 1048576 /dev/zero | tr '\\0' x; printf '\\r\\nnext\\n'");
            var lengths = new List<int>();

            await ProcessRunner.RunAsync(script, Array.Empty<string>(), new ProcessRunOptions { OnLine = line => lengths.Add(line.Text.Length) }, CancellationToken.None);

            Assert.Equal(new[] { 1024 * 1024, 4 }, lengths);
        }

        [Fact]
        public async Task Arguments_arrive_exactly_as_given()
        {
            var script = Script("for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done");
            var arguments = new[] { "plain", "with space", "", "quote\"inside", "back\\slash", "trailing\\", "both \\\"x\\\" ", "tab\there", "C:\\Program Files\\" };

            var result = await ProcessRunner.RunAsync(script, arguments, null, CancellationToken.None);

            Assert.Equal(arguments.Select(a => "[" + a + "]"), result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        [Fact]
        public async Task Sets_and_removes_environment_variables_and_feeds_standard_input()
        {
            var script = Script("echo \"added=${SOCITOOLS_RUNNER_ADDED-unset} path=${PATH:+set}\"; echo \"home=${HOME-unset}\"; cat");
            var options = new ProcessRunOptions
            {
                Environment = new Dictionary<string, string?> { ["SOCITOOLS_RUNNER_ADDED"] = "yes", ["HOME"] = null },
                StandardInput = "from stdin é\n",
            };

            var result = await ProcessRunner.RunAsync(script, Array.Empty<string>(), options, CancellationToken.None);

            Assert.Equal("added=yes path=set\nhome=unset\nfrom stdin é\n", result.StandardOutput);
        }

        [Fact]
        public async Task Cancelling_kills_the_child_and_what_it_started()
        {
            var script = Script("sleep 600 & echo \"child $!\"; echo \"parent $$\"; wait");
            var pids = new List<int>();
            using var cancel = new CancellationTokenSource();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ProcessRunner.RunAsync(script, Array.Empty<string>(), new ProcessRunOptions
            {
                OnLine = line =>
                {
                    pids.Add(int.Parse(line.Text.Split(' ')[1]));
                    if (line.Text.StartsWith("parent")) cancel.Cancel();
                },
            }, cancel.Token));

            Assert.Equal(2, pids.Count);
            Assert.All(pids, pid => Assert.False(LinuxProcess.IsAlive(pid), $"process {pid} still runs"));
        }

        [Fact]
        public async Task A_failing_line_callback_ends_a_child_that_would_run_on_and_surfaces_the_failure()
        {
            // Like a container in the foreground: it keeps running and writing to the other stream.
            var script = Script("echo \"pid $$\"; for i in $(seq 1 1200); do echo still here >&2; sleep 0.1; done");
            var pids = new List<int>();

            var run = ProcessRunner.RunAsync(script, Array.Empty<string>(), new ProcessRunOptions
            {
                OnLine = line =>
                {
                    if (line.Stream == ProcessOutputStream.StandardError) return;
                    pids.Add(int.Parse(line.Text.Split(' ')[1]));
                    throw new InvalidOperationException("the callback failed");
                },
            }, CancellationToken.None);

            // The wait only guards against a hang: a child that is never ended would keep the call open for ever.
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.Equal("the callback failed", error.Message);
            Assert.False(LinuxProcess.IsAlive(Assert.Single(pids)), "the child still runs");
        }

        [Fact]
        public async Task An_executable_that_cannot_start_fails_with_its_path()
        {
            var notExecutable = Path.Combine(_folder, "plain.txt");
            File.WriteAllText(notExecutable, "text");

            var error = await Assert.ThrowsAsync<ProcessStartException>(() =>
                ProcessRunner.RunAsync(notExecutable, Array.Empty<string>(), null, CancellationToken.None));

            Assert.Contains(notExecutable, error.Message);
        }

        private string Script(string body)
        {
            var path = Path.Combine(_folder, "script-" + Guid.NewGuid().ToString("n") + ".sh");
            LinuxProcess.WriteExecutable(path, "#!/usr/bin/env bash\n" + body + "\n");
            return path;
        }
    }
}
