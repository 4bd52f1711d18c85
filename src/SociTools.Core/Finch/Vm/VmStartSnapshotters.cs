using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SociTools.Core.Finch.Vm
{
    /// <summary>
    /// The snapshotter settings the Finch VM was last started with, read from the Lima override.yaml finch writes
    /// at every <c>vm start</c>/<c>init</c>: <c>env.CONTAINERD_SNAPSHOTTER</c> (the first entry of <c>snapshotters</c>)
    /// and the soci provisioning script (present when <c>soci</c> is anywhere in the list).
    /// </summary>
    public sealed class VmStartSnapshotters
    {
        public const string SociProvisioningHeader = "# snapshotter provisioning script: soci";

        private VmStartSnapshotters(string path, string? defaultSnapshotter, bool sociProvisioned)
        {
            Path = path;
            DefaultSnapshotter = defaultSnapshotter;
            SociProvisioned = sociProvisioned;
        }

        public string Path { get; }

        /// <summary>The VM's default snapshotter; null when finch wrote an empty <c>env</c> (containerd's overlayfs).</summary>
        public string? DefaultSnapshotter { get; }

        /// <summary>True when the VM was started with the script that installs and enables soci-snapshotter.</summary>
        public bool SociProvisioned { get; }

        /// <summary><c>&lt;install root&gt;/lima/data/_config/override.yaml</c>.</summary>
        public static string PathUnder(string installRoot) =>
            System.IO.Path.Combine(installRoot, "lima", "data", "_config", "override.yaml");

        /// <summary>Reads the file; null when it does not exist (the VM was never started by this install).</summary>
        public static VmStartSnapshotters? Read(string overridePath)
        {
            if (!File.Exists(overridePath)) return null;
            var stream = new YamlStream();
            try
            {
                using var reader = new StreamReader(overridePath);
                stream.Load(reader);
            }
            catch (YamlException e)
            {
                throw new FinchException($"Finch's Lima override file '{overridePath}' is not valid YAML ({e.Message}); start the VM again to rewrite it.");
            }
            var root = stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode;
            if (root == null) return new VmStartSnapshotters(overridePath, null, false);
            string? snapshotter = null;
            if (Child(root, "env") is YamlMappingNode env && Child(env, "CONTAINERD_SNAPSHOTTER") is YamlScalarNode value
                && !string.IsNullOrWhiteSpace(value.Value))
            {
                snapshotter = value.Value!.Trim();
            }
            var provisioned = Child(root, "provision") is YamlSequenceNode provision
                && provision.Children.OfType<YamlMappingNode>().Any(step =>
                    Child(step, "script") is YamlScalarNode script
                    && (script.Value ?? "").IndexOf(SociProvisioningHeader, StringComparison.Ordinal) >= 0);
            return new VmStartSnapshotters(overridePath, snapshotter, provisioned);
        }

        private static YamlNode? Child(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
    }
}
