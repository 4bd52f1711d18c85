using System;

namespace SociTools.Core.Finch.Config
{
    /// <summary>Why finch.yaml could not be read or changed.</summary>
    public enum FinchConfigProblem
    {
        /// <summary>Not YAML, or a setting has a shape Finch would reject too.</summary>
        Invalid,

        /// <summary>Valid, but laid out so that SociTools cannot change it without touching other text.</summary>
        NotEditable,

        /// <summary>Another program wrote the file between reading and writing.</summary>
        ChangedMeanwhile,
    }

    /// <summary>finch.yaml cannot be read or edited as asked; names the file and, when known, the line and column.</summary>
    public sealed class FinchConfigException : Exception
    {
        public FinchConfigException(string path, string message, int? line = null, int? column = null, Exception? inner = null,
            FinchConfigProblem problem = FinchConfigProblem.Invalid)
            : base(Describe(path, message, line, column), inner)
        {
            Path = path;
            Line = line;
            Column = column;
            Problem = problem;
        }

        public FinchConfigProblem Problem { get; }

        public string Path { get; }

        /// <summary>1-based line of the problem, when it has one.</summary>
        public int? Line { get; }

        /// <summary>1-based column of the problem, when it has one.</summary>
        public int? Column { get; }

        private static string Describe(string path, string message, int? line, int? column)
        {
            if (line == null) return $"{path}: {message}";
            return column == null ? $"{path}, line {line}: {message}" : $"{path}, line {line}, column {column}: {message}";
        }
    }
}
