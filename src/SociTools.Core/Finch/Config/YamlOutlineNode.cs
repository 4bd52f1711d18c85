using System.Collections.Generic;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SociTools.Core.Finch.Config
{
    internal enum YamlOutlineKind
    {
        Scalar,
        Sequence,
        Mapping,
        Alias,
    }

    /// <summary>One YAML node with where its text sits in the file, as the parser reported it.</summary>
    internal sealed class YamlOutlineNode
    {
        private static readonly HashSet<string> NullWords = new HashSet<string> { "", "~", "null", "Null", "NULL" };
        private const string NullTag = "tag:yaml.org,2002:null";

        public YamlOutlineNode(YamlOutlineKind kind, Mark start, Mark end)
        {
            Kind = kind;
            Start = start;
            End = end;
        }

        public YamlOutlineKind Kind { get; }

        /// <summary>Where the node's text starts (its anchor or tag, when it has one).</summary>
        public Mark Start { get; }

        /// <summary>Just past the node's text; for a block sequence or mapping, where the next token starts.</summary>
        public Mark End { get; set; }

        public string Value { get; set; } = "";

        public ScalarStyle ScalarStyle { get; set; }

        public bool IsFlow { get; set; }

        public string? Tag { get; set; }

        /// <summary>A flow sequence's <c>[</c>.</summary>
        public Mark OpenBracket { get; set; } = Mark.Empty;

        /// <summary>A flow sequence's <c>]</c>.</summary>
        public Mark CloseBracket { get; set; } = Mark.Empty;

        /// <summary>For an alias (<c>*name</c>), the node its anchor (<c>&amp;name</c>) names.</summary>
        public YamlOutlineNode? Target { get; set; }

        /// <summary>The node itself, or for an alias the node it stands for (as yaml.v3 reads it).</summary>
        public YamlOutlineNode Resolved => Kind == YamlOutlineKind.Alias && Target != null ? Target : this;

        public List<YamlOutlineNode> Items { get; } = new List<YamlOutlineNode>();

        public List<KeyValuePair<YamlOutlineNode, YamlOutlineNode>> Entries { get; } = new List<KeyValuePair<YamlOutlineNode, YamlOutlineNode>>();

        /// <summary>An empty value, <c>~</c> or <c>null</c> written plain and untagged, or anything tagged <c>!!null</c>: YAML's null.</summary>
        public bool IsNull => Kind == YamlOutlineKind.Scalar &&
            (Tag == NullTag || (ScalarStyle == ScalarStyle.Plain && Tag == null && NullWords.Contains(Value)));

        public string Describe() => Kind switch
        {
            YamlOutlineKind.Scalar => IsNull ? "an empty value" : $"the single value '{Value}'",
            YamlOutlineKind.Sequence => "a list",
            YamlOutlineKind.Mapping => "a set of key: value pairs",
            _ => "an alias (*name)",
        };

        public static YamlOutlineNode From(ParsingEvent parsed) => parsed switch
        {
            Scalar scalar => new YamlOutlineNode(YamlOutlineKind.Scalar, scalar.Start, scalar.End)
            {
                Value = scalar.Value,
                ScalarStyle = scalar.Style,
                Tag = scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific ? null : scalar.Tag.Value,
            },
            SequenceStart sequence => new YamlOutlineNode(YamlOutlineKind.Sequence, sequence.Start, sequence.End)
            {
                IsFlow = sequence.Style == SequenceStyle.Flow,
                OpenBracket = sequence.End,
                Tag = sequence.Tag.IsEmpty || sequence.Tag.IsNonSpecific ? null : sequence.Tag.Value,
            },
            MappingStart mapping => new YamlOutlineNode(YamlOutlineKind.Mapping, mapping.Start, mapping.End) { IsFlow = mapping.Style == MappingStyle.Flow },
            _ => new YamlOutlineNode(YamlOutlineKind.Alias, parsed.Start, parsed.End),
        };
    }
}
