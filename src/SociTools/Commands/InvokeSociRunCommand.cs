using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using SociTools.Core.Finch;
using SociTools.Core.Finch.Run;
using SociTools.Core.Finch.Vm;
using SociTools.Core.Oci;
using SociTools.Core.Oci.Platforms;
using SociTools.Core.Registry;
using SociTools.Completion;
using SociTools.Hosting;

namespace SociTools.Commands
{
    /// <summary>
    /// Invoke-SociRun: checks what would stop lazy loading, runs a container with <c>finch run --snapshotter soci</c>,
    /// passes its output through, and says whether the image was lazily loaded and on what evidence.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "SociRun", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(SociRunResult))]
    public sealed class InvokeSociRunCommand : FinchCmdlet
    {
        /// <summary>Tags of the information records carrying the container's output lines.</summary>
        public const string OutputTag = "ContainerOutput";
        public const string ErrorTag = "ContainerError";

        /// <summary>The image to run, as finch takes it (short names are Docker Hub's).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("Reference")]
        [ValidateNotNullOrEmpty]
        public string Image { get; set; } = "";

        /// <summary>The command and arguments to run in the container.</summary>
        [Parameter(Position = 1, ValueFromRemainingArguments = true)]
        [Alias("Args")]
        public string[]? ArgumentList { get; set; }

        /// <summary>The container's name (--name).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>The platform to pull and run, as os/arch[/variant] (--platform); default: the VM's.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PlatformCompleter))]
        public string? Platform { get; set; }

        /// <summary>Starts the container in the background (-d) and returns its ID.</summary>
        [Parameter]
        public SwitchParameter Detach { get; set; }

        /// <summary>Other finch run options, passed as given before the image (for example '--rm', '-e', 'KEY=value').</summary>
        [Parameter]
        public string[]? RunOption { get; set; }

        /// <summary>A SOCI index to pull with first (finch pull --soci-index-digest), for example a v1 index Finch would ignore.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SociIndexDigest { get; set; }

        /// <summary>Runs without the preflight checks.</summary>
        [Parameter]
        public SwitchParameter SkipPreflight { get; set; }

        /// <summary>The finch.yaml the preflight reads; default: the one Finch reads on this host.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ConfigPath { get; set; }

        /// <summary>The registry user and password or token for the preflight's index lookup.</summary>
        [Parameter]
        [RegistryCredentialTransformation]
        public PSCredential? Credential { get; set; }

        /// <summary>Plain HTTP for a registry that is not on a loopback address (preflight lookup).</summary>
        [Parameter]
        public SwitchParameter Insecure { get; set; }

        /// <summary>Seconds the registry may stay silent (no answer, no byte of a download) and a token request may take; default 60.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = RegistryClientOptions.DefaultTimeoutSeconds;

        private PlatformSelection _platforms = null!;
        private Digest? _sociIndexDigest;

        protected override void CheckArguments()
        {
            _platforms = Run(_ => Task.FromResult(PlatformArguments.ToSelection(Platform == null ? null : new[] { Platform }, false)), Platform);
            _sociIndexDigest = SociIndexDigest == null ? (Digest?)null : Run(_ => Task.FromResult(Digest.Parse(SociIndexDigest)), SociIndexDigest);
        }

        protected override void ProcessItem()
        {
            var platforms = _platforms;
            var digest = _sociIndexDigest;
            var request = new SociRunRequest(Image)
            {
                ContainerArguments = ArgumentList ?? new string[0],
                RunOptions = RunOption ?? new string[0],
                Name = Name,
                Platform = Platform,
                Detach = Detach,
                SociIndexDigest = digest,
            };
            var finch = LocateFinch();
            var findings = SkipPreflight ? new PreflightFinding[0] : Preflight(finch, platforms);
            if (!ShouldProcess(Image, request.ToString())) return;

            var display = new PullProgressDisplay(this, $"Pulling {Image} with the SOCI snapshotter");
            var log = FinchLog("finch", activityId: 3);
            SociRunOutcome outcome;
            try
            {
                var events = PipelineProgress<SociRunEvent>(e => Show(e, display, log));
                var run = new SociContainerRun(finch, new SociFuseMounts(finch));
                outcome = Run(token => run.RunAsync(request, events, token), Image);
            }
            finally
            {
                display.Complete();
                log.Complete();
            }
            if (outcome.ExitCode != 0) WriteWarning($"The container exited with code {outcome.ExitCode}.");
            var imageWasLocal = findings.Any(f => f.Check == PreflightCheck.ImageNotLocal && f.Failed);
            var verdict = LazyLoadingVerdict.Decide(outcome, imageWasLocal);
            WriteObject(new SociRunResult
            {
                Image = Image,
                Command = request.ToString(),
                LazilyLoaded = verdict.LazilyLoaded,
                Reason = verdict.Reason,
                Evidence = verdict.Evidence,
                LayersFetchedInFull = outcome.Progress.LayersFetchedInFull.Select(d => d.ToString()).ToList(),
                FuseMounts = outcome.FuseMounts.Count,
                NewFuseMounts = outcome.NewFuseMounts,
                ExitCode = outcome.ExitCode,
                Elapsed = outcome.Elapsed,
                ContainerId = outcome.ContainerId,
                SociEvents = outcome.SociEvents,
                Preflight = findings,
            });
        }

        private IReadOnlyList<PreflightFinding> Preflight(FinchCli finch, PlatformSelection platforms)
        {
            var configPath = ConfigPath == null ? null : FileSystemPath(ConfigPath);
            var gatherer = new RunPreflightGatherer(finch, configPath);
            IReadOnlyList<PreflightFinding> findings;
            if (!Reference.TryParse(Image, out var reference))
            {
                // finch will say what is wrong with the name; the preflight has nothing to look up.
                WriteVerbose($"Preflight skipped: '{Image}' is not an image reference SociTools can read.");
                return new PreflightFinding[0];
            }
            // One retry: the preflight only advises, and a registry that is down must not hold the run up for long.
            var client = Run(_ => Task.FromResult(RegistryConnection.Create(Credential, Insecure, reference!, TimeoutSec, RegistryRequestLog(), new RetryPolicy { MaxAttempts = 2 })), Image);
            const int preflightActivity = 2;
            const string activity = "Checking what lazy loading needs";
            WriteProgress(new ProgressRecord(preflightActivity, activity, "finch.yaml, the VM, local images and the registry's SOCI indexes"));
            try
            {
                var facts = Run(token => gatherer.GatherAsync(reference!, client, platforms, token), Image);
                findings = RunPreflight.Evaluate(facts);
            }
            finally
            {
                client.Dispose();
                WriteProgress(new ProgressRecord(preflightActivity, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
            foreach (var finding in findings)
            {
                switch (finding.Outcome)
                {
                    case PreflightOutcome.Failed:
                        WriteWarning($"Lazy loading may not happen ({finding.Check}): {finding.Message} {finding.Fix}");
                        break;
                    case PreflightOutcome.NotChecked when finding.Check == PreflightCheck.SociIndexFound:
                        // The index is what lazy loading hangs on, so not knowing about it is worth a warning.
                        WriteWarning($"Could not check for a SOCI index: {finding.Message} The run goes ahead.");
                        WriteVerbose($"Preflight {finding.Check} not checked: {finding.Message}");
                        break;
                    case PreflightOutcome.NotChecked:
                        WriteVerbose($"Preflight {finding.Check} not checked: {finding.Message}");
                        break;
                    default:
                        WriteVerbose($"Preflight {finding.Check} passed: {finding.Message}");
                        break;
                }
            }
            return findings;
        }

        private void Show(SociRunEvent runEvent, PullProgressDisplay display, FinchLogStreams log)
        {
            switch (runEvent.Kind)
            {
                case SociRunEventKind.ContainerOutput:
                    WriteContainerLine(runEvent.Text, OutputTag);
                    break;
                case SociRunEventKind.ContainerError:
                    WriteContainerLine(runEvent.Text, ErrorTag);
                    break;
                case SociRunEventKind.Progress:
                    display.Show(runEvent);
                    break;
                case SociRunEventKind.Soci:
                    WriteVerbose(runEvent.Text);
                    break;
                default:
                    log.Write(new FinchLogLine(runEvent.Level, runEvent.Text, ProcessOutputStream.StandardError));
                    break;
            }
        }

        // Shown on the host like Write-Host (the PSHOST tag) but not in the output, so the result stays easy to capture;
        // -InformationVariable collects the lines and 6>$null hides them.
        private void WriteContainerLine(string text, string tag) =>
            WriteInformation(new HostInformationMessage { Message = text }, new[] { "PSHOST", tag });
    }
}
