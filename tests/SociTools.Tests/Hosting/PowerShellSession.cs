using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace SociTools.Tests.Hosting
{
    /// <summary>
    /// A real PowerShell engine, hosted in-process, with the built SociTools module imported.
    /// Each test makes its own session, so no state leaks between tests.
    /// </summary>
    public sealed class PowerShellSession : IDisposable
    {
        private readonly Runspace _runspace;

        public PowerShellSession()
        {
            var state = InitialSessionState.CreateDefault2();
            _runspace = RunspaceFactory.CreateRunspace(state);
            _runspace.Open();
            var imported = Invoke("Import-Module -Name $args[0] -PassThru -ErrorAction Stop", RepositoryPaths.ModuleManifest);
            if (imported.HadErrors)
            {
                throw new InvalidOperationException("Import-Module failed: " + string.Join("; ", imported.Errors.Select(e => e.ToString())));
            }
        }

        /// <summary>Runs a script; positional arguments are available as $args.</summary>
        public InvocationResult Invoke(string script, params object?[] arguments)
        {
            using var shell = PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddScript(script);
            foreach (var argument in arguments)
            {
                shell.AddArgument(argument);
            }
            Collection<PSObject> output;
            try
            {
                output = shell.Invoke();
            }
            catch (RuntimeException terminating)
            {
                return new InvocationResult(new Collection<PSObject>(), new List<ErrorRecord> { terminating.ErrorRecord }, shell.Streams, terminating);
            }
            return new InvocationResult(output, shell.Streams.Error.ToList(), shell.Streams, null);
        }

        /// <summary>
        /// Runs a script that must stop with a terminating error: only a terminating error is caught by
        /// try/catch, and the statement after the command must not run. Returns the caught error.
        /// </summary>
        public ErrorRecord InvokeExpectingTerminatingError(string script, params object?[] arguments)
        {
            var result = Invoke("try { " + script + "; 'went on' } catch { $_ }", arguments);
            var caught = result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().ToList();
            if (caught.Count != 1 || result.Output.Any(o => "went on".Equals(o.BaseObject)))
            {
                throw new Xunit.Sdk.XunitException("Expected one terminating error; got output: " + string.Join(", ", result.Output) +
                    "; errors: " + string.Join(", ", result.Errors.Select(e => e.FullyQualifiedErrorId)));
            }
            return caught[0];
        }

        /// <summary>
        /// Starts a script, waits until <paramref name="stopWhen"/> completes, then stops it as Ctrl+C does; fails the test
        /// unless the stop point comes and the script has stopped within <paramref name="limit"/> each.
        /// </summary>
        public void InvokeAndStop(string script, System.Threading.Tasks.Task stopWhen, TimeSpan limit, params object?[] arguments)
        {
            using var shell = PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddScript(script);
            foreach (var argument in arguments)
            {
                shell.AddArgument(argument);
            }
            var running = shell.BeginInvoke();
            var ended = System.Threading.Tasks.Task.Run(() => running.AsyncWaitHandle.WaitOne());
            if (System.Threading.Tasks.Task.WaitAny(new[] { stopWhen, ended }, limit) != 0)
            {
                throw new Xunit.Sdk.XunitException($"The script did not reach the point to stop it at within {limit}; it is {shell.InvocationStateInfo.State}: " +
                    string.Join("; ", shell.Streams.Error.Select(e => e.ToString())) + " " + shell.InvocationStateInfo.Reason?.Message);
            }
            var stopping = System.Threading.Tasks.Task.Run(() => shell.Stop());
            if (!stopping.Wait(limit) || !running.AsyncWaitHandle.WaitOne(limit))
            {
                throw new Xunit.Sdk.XunitException($"Stop() did not end the script within {limit}: Ctrl+C would hang.");
            }
            Xunit.Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        }

        /// <summary>
        /// Runs a script whose command must fail one item with a non-terminating error: try/catch does not see it,
        /// the statement after the command runs, and exactly one error is written. Returns that error.
        /// </summary>
        public ErrorRecord InvokeExpectingItemError(string script, params object?[] arguments)
        {
            var result = Invoke("try { " + script + "; 'went on' } catch { $_ }", arguments);
            var caught = result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().ToList();
            if (caught.Count != 0 || result.Terminating != null || !result.Output.Any(o => "went on".Equals(o.BaseObject)) || result.Errors.Count != 1)
            {
                throw new Xunit.Sdk.XunitException("Expected one non-terminating error and the script to go on; got output: " + string.Join(", ", result.Output) +
                    "; caught: " + string.Join(", ", caught.Select(e => e.FullyQualifiedErrorId)) +
                    "; errors: " + string.Join(", ", result.Errors.Select(e => e.FullyQualifiedErrorId)));
            }
            return result.Errors[0];
        }

        /// <summary>Sets a session variable, for passing objects such as credentials into scripts.</summary>
        public void SetVariable(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

        public void Dispose() => _runspace.Dispose();
    }

    public sealed class InvocationResult
    {
        public InvocationResult(Collection<PSObject> output, IReadOnlyList<ErrorRecord> errors, PSDataStreams streams, RuntimeException? terminating)
        {
            Output = output;
            Errors = errors;
            Streams = streams;
            Terminating = terminating;
        }

        public Collection<PSObject> Output { get; }
        public IReadOnlyList<ErrorRecord> Errors { get; }
        public PSDataStreams Streams { get; }
        public RuntimeException? Terminating { get; }
        public bool HadErrors => Errors.Count > 0;

        public IEnumerable<T> Objects<T>() => Output.Select(o => o.BaseObject).OfType<T>();

        /// <summary>
        /// The output objects of a module type, by its name in SociTools (e.g. "SociIndex"); dynamic because the
        /// module's assembly is the one Import-Module loaded, which the tests do not reference.
        /// </summary>
        public IEnumerable<dynamic> Emitted(string typeName) =>
            Output.Select(o => o.BaseObject).Where(o => o.GetType().FullName == "SociTools." + typeName);

        /// <summary>Every text the user could see in any stream, for asserting that secrets never appear.</summary>
        public string AllText()
        {
            var parts = new List<string>();
            parts.AddRange(Output.Select(o => o?.ToString() ?? ""));
            parts.AddRange(Errors.Select(e => e.ToString() + " " + e.Exception?.ToString() + " " + e.ErrorDetails?.Message));
            parts.AddRange(Streams.Warning.Select(w => w.Message));
            parts.AddRange(Streams.Verbose.Select(v => v.Message));
            parts.AddRange(Streams.Debug.Select(d => d.Message));
            parts.AddRange(Streams.Information.Select(i => i.MessageData?.ToString() ?? ""));
            parts.AddRange(Streams.Progress.Select(p => p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation));
            return string.Join("\n", parts);
        }

        public void ThrowIfErrors()
        {
            if (HadErrors)
            {
                throw new Xunit.Sdk.XunitException("PowerShell errors: " + string.Join("\n", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
            }
        }
    }
}
