using System;
using System.Collections.Generic;

namespace SociTools.Tests.Finch
{
    /// <summary>
    /// Sets process-wide environment variables for one test and puts back what was there before on Dispose.
    /// Only for tests in <see cref="FinchEnvironmentCollection"/>, which run one at a time.
    /// </summary>
    public sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> _saved = new Dictionary<string, string?>(StringComparer.Ordinal);

        /// <summary>Sets (or, with null, removes) a variable, remembering its first value.</summary>
        public EnvironmentScope Set(string name, string? value)
        {
            if (!_saved.ContainsKey(name)) _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
            return this;
        }

        public void Dispose()
        {
            foreach (var saved in _saved) Environment.SetEnvironmentVariable(saved.Key, saved.Value);
            _saved.Clear();
        }
    }
}
