using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Hosting
{
    /// <summary>
    /// The base of every SociTools cmdlet: runs core tasks on worker threads while the pipeline thread
    /// writes their progress and messages, turns Ctrl+C (StopProcessing) into cancellation, and holds the
    /// one error rule: a failure while checking the call's arguments (<see cref="CheckArguments"/>) stops the
    /// call; a failure while working on an input (<see cref="ProcessItem"/>) is written as a non-terminating
    /// error and the next pipeline input is processed.
    /// </summary>
    public abstract class SociCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly BlockingCollection<Action> _pipelineWork = new BlockingCollection<Action>();

        /// <summary>Checks what is the same for every input (parameters not bound from the pipeline); a failure here stops the call.</summary>
        protected virtual void CheckArguments()
        {
        }

        /// <summary>Works on one input: the parameters bound for this pipeline object, or the call's own when nothing is piped.</summary>
        protected abstract void ProcessItem();

        protected sealed override void BeginProcessing()
        {
            try
            {
                CheckArguments();
            }
            catch (ItemFailedException failed)
            {
                ThrowTerminatingError(failed.Record);
            }
        }

        protected sealed override void ProcessRecord()
        {
            try
            {
                ProcessItem();
            }
            catch (ItemFailedException failed)
            {
                WriteError(failed.Record);
            }
        }

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
        protected CancellationToken Cancellation => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>
        /// Waits for core work, running on this (the pipeline) thread whatever the work posts with
        /// <see cref="OnPipelineThread"/>: cmdlets may only write to the pipeline from their own thread.
        /// </summary>
        protected T Await<T>(Func<CancellationToken, Task<T>> work)
        {
            var task = Task.Run(() => work(Cancellation));
            task.ContinueWith(_ => _pipelineWork.Add(() => { }), TaskScheduler.Default);
            try
            {
                while (!task.IsCompleted)
                {
                    if (_pipelineWork.TryTake(out var action, Timeout.Infinite))
                    {
                        action();
                    }
                }
                while (_pipelineWork.TryTake(out var pending))
                {
                    pending();
                }
            }
            catch
            {
                // A write on the pipeline thread failed, typically with PipelineStoppedException when Ctrl+C arrives before
                // StopProcessing does (which may then never come): the core work, and any child process it runs, must end
                // with this call rather than run on unwatched.
                _stopping.Cancel();
                try
                {
                    task.Wait();
                }
                catch (AggregateException)
                {
                    // Its own outcome no longer matters; the failure being rethrown says what happened.
                }
                throw;
            }
            return task.GetAwaiter().GetResult();
        }

        protected void Await(Func<CancellationToken, Task> work) =>
            Await<bool>(async token => { await work(token).ConfigureAwait(false); return true; });

        /// <summary>Queues an action for the pipeline thread; safe to call from any thread during <see cref="Await{T}"/>.</summary>
        protected void OnPipelineThread(Action action) => _pipelineWork.Add(action);

        /// <summary>An IProgress whose reports run on the pipeline thread.</summary>
        protected IProgress<T> PipelineProgress<T>(Action<T> report) => new PipelineProgressSink<T>(this, report);

        /// <summary>
        /// Runs core work like <see cref="Await{T}"/>; a core failure ends the current item (or, in
        /// <see cref="CheckArguments"/>, the call) with an error record (see <see cref="CoreErrors"/>), and Ctrl+C stops it quietly.
        /// </summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> work, object? target)
        {
            try
            {
                return Await(work);
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception e) when (!(e is PipelineStoppedException) && !(e is OperationCanceledException) && !(e is ActionPreferenceStopException))
            {
                throw new ItemFailedException(CoreErrors.ToErrorRecord(e, target));
            }
        }

        protected void Run(Func<CancellationToken, Task> work, object? target) =>
            Run<bool>(async token => { await work(token).ConfigureAwait(false); return true; }, target);

        /// <summary>Writes each registry request and its status as a verbose message (never headers or query strings).</summary>
        protected IProgress<Core.Registry.RegistryExchange> RegistryRequestLog() =>
            PipelineProgress<Core.Registry.RegistryExchange>(exchange => WriteVerbose(DecisionMessages.Request(exchange)));

        /// <summary>Opens the OCI layout a user named, or fails the item with PathNotFound or the layout's own error.</summary>
        protected Core.Oci.Layout.OciLayout OpenLayout(string path)
        {
            var folder = FileSystemPath(path);
            if (!System.IO.Directory.Exists(folder))
            {
                Fail(new ItemNotFoundException($"Cannot find the OCI layout folder '{path}'."), "PathNotFound", ErrorCategory.ObjectNotFound, path);
            }
            return Run(_ => Task.FromResult(Core.Oci.Layout.OciLayout.Open(folder)), path);
        }

        /// <summary>Resolves a user-supplied path against the current PowerShell location.</summary>
        protected string FileSystemPath(string path) => GetUnresolvedProviderPathFromPSPath(path);

        /// <summary>
        /// Ends the current item (the call, in <see cref="CheckArguments"/>) with an error record a user can act on;
        /// never returns.
        /// </summary>
        protected void Fail(Exception exception, string errorId, ErrorCategory category, object? target) =>
            throw new ItemFailedException(new ErrorRecord(exception, errorId, category, target));

        /// <summary>Reports one item's failure and lets the rest of the call go on.</summary>
        protected void ReportError(Exception exception, string errorId, ErrorCategory category, object? target) =>
            WriteError(new ErrorRecord(exception, errorId, category, target));

        /// <summary>Carries an item's error record from where it failed to <see cref="ProcessRecord"/> or <see cref="BeginProcessing"/>.</summary>
        private sealed class ItemFailedException : Exception
        {
            public ItemFailedException(ErrorRecord record)
                : base(record.Exception.Message, record.Exception)
            {
                Record = record;
            }

            public ErrorRecord Record { get; }
        }

        private sealed class PipelineProgressSink<T> : IProgress<T>
        {
            private readonly SociCmdlet _owner;
            private readonly Action<T> _report;

            public PipelineProgressSink(SociCmdlet owner, Action<T> report)
            {
                _owner = owner;
                _report = report;
            }

            public void Report(T value) => _owner.OnPipelineThread(() => _report(value));
        }
    }
}
