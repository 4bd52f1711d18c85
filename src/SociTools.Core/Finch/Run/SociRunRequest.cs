using System;
using System.Collections.Generic;
using System.Linq;
using SociTools.Core.Oci;

namespace SociTools.Core.Finch.Run
{
    /// <summary>What to run with the SOCI snapshotter, and the finch command lines that do it.</summary>
    public sealed class SociRunRequest
    {
        public SociRunRequest(string image)
        {
            if (string.IsNullOrWhiteSpace(image)) throw new ArgumentException("Name the image to run.", nameof(image));
            Image = image;
        }

        /// <summary>The image as the user typed it; finch normalizes short names itself.</summary>
        public string Image { get; }

        /// <summary>The command and arguments run in the container, after the image.</summary>
        public IReadOnlyList<string> ContainerArguments { get; set; } = new string[0];

        /// <summary>Other <c>finch run</c> options, passed as given before the image (for example <c>--rm</c>, <c>-e</c>, <c>-p</c>).</summary>
        public IReadOnlyList<string> RunOptions { get; set; } = new string[0];

        public string? Name { get; set; }

        /// <summary>The platform to pull and run (<c>--platform</c>, e.g. <c>linux/amd64</c>); null for the VM's own.</summary>
        public string? Platform { get; set; }

        /// <summary>Runs in the background (<c>-d</c>); finch then prints the container ID instead of its output.</summary>
        public bool Detach { get; set; }

        /// <summary>A SOCI index to pull with first (<c>--soci-index-digest</c>), the way to use a v1 index Finch would ignore.</summary>
        public Digest? SociIndexDigest { get; set; }

        /// <summary><c>run --snapshotter soci [--name N] [-d] [options] IMAGE [ARGS]</c>; the snapshotter flag goes after <c>run</c> as two arguments, as finch splits it.</summary>
        public IReadOnlyList<string> RunArguments()
        {
            var arguments = new List<string> { "run", "--snapshotter", "soci" };
            if (!string.IsNullOrEmpty(Name)) arguments.AddRange(new[] { "--name", Name! });
            if (Detach) arguments.Add("-d");
            if (!string.IsNullOrEmpty(Platform)) arguments.AddRange(new[] { "--platform", Platform! });
            arguments.AddRange(RunOptions);
            arguments.Add(Image);
            arguments.AddRange(ContainerArguments);
            return arguments;
        }

        /// <summary><c>pull --snapshotter soci --soci-index-digest D IMAGE</c> when an index digest was given, else null.</summary>
        public IReadOnlyList<string>? PullArguments() =>
            SociIndexDigest is Digest digest
                ? new[] { "pull", "--snapshotter", "soci", "--soci-index-digest", digest.ToString() }
                    .Concat(string.IsNullOrEmpty(Platform) ? new string[0] : new[] { "--platform", Platform! })
                    .Concat(new[] { Image }).ToList()
                : null;

        public override string ToString() => "finch " + string.Join(" ", RunArguments().Select(a => a.IndexOf(' ') >= 0 ? "'" + a + "'" : a));
    }
}
