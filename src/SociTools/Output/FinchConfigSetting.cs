using System.Collections.Generic;
using System.Linq;

namespace SociTools
{
    /// <summary>One finch.yaml key as Get-FinchConfig shows it: its value, where Finch uses it and what a change needs.</summary>
    public sealed class FinchConfigSetting
    {
        /// <summary>The exact YAML key.</summary>
        public string Name { get; set; } = "";

        /// <summary>The value in the file (a list key's value is a string array); null when the key is absent.</summary>
        public object? Value { get; set; }

        public bool IsSet { get; set; }

        /// <summary>What Finch uses when the key is absent.</summary>
        public string Default { get; set; } = "";

        /// <summary>Immediate, VmRestart (finch vm stop + start) or VmRecreate (finch vm remove + init).</summary>
        public string TakesEffect { get; set; } = "";

        /// <summary>The host kinds where Finch uses the key: MacOS, Windows, LinuxNative.</summary>
        public IReadOnlyList<string> Hosts { get; set; } = new string[0];

        /// <summary>False when Finch on this host ignores the key (and drops it when it rewrites the file).</summary>
        public bool AppliesHere { get; set; }

        public override string ToString() => $"{Name}: {(IsSet ? Text(Value) : "(default: " + Default + ")")}";

        /// <summary>A value as finch.yaml would show it: lists as [a, b], the rest as they print.</summary>
        internal static string Text(object? value) => value switch
        {
            null => "",
            string text => text,
            bool flag => flag ? "true" : "false",
            System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object>()) + "]",
            _ => value.ToString() ?? "",
        };
    }
}
