using System;
using System.Text;

namespace SociTools.Core.Finch
{
    /// <summary>Cuts a stream of characters into lines at '\n', '\r' and "\r\n" (one break), keeping the text (or its tail) for the result.</summary>
    internal sealed class OutputLineSplitter
    {
        /// <summary>A longer run without a break (a container writing a blob to stdout) is passed on in pieces of this size.</summary>
        public const int MaxLineLength = 1024 * 1024;

        private readonly StringBuilder _all = new StringBuilder();
        private readonly StringBuilder _line = new StringBuilder();
        private readonly Action<string> _onLine;
        private readonly int? _keptCharacters;
        private bool _afterCarriageReturn;
        private bool _afterCut;

        public OutputLineSplitter(Action<string> onLine, int? keptCharacters)
        {
            _onLine = onLine;
            _keptCharacters = keptCharacters;
        }

        public string KeptText => _keptCharacters is int kept && _all.Length > kept ? _all.ToString(_all.Length - kept, kept) : _all.ToString();

        public void Write(char[] buffer, int count)
        {
            _all.Append(buffer, 0, count);
            // Trimmed only once the text is twice the limit, so each character is moved at most once on average.
            if (_keptCharacters is int kept && _all.Length > 2 * kept) _all.Remove(0, _all.Length - kept);
            for (var i = 0; i < count; i++)
            {
                var c = buffer[i];
                if (c == '\n' && _afterCarriageReturn)
                {
                    _afterCarriageReturn = false;
                    continue;
                }
                _afterCarriageReturn = c == '\r';
                if (c == '\r' || c == '\n')
                {
                    // A break right after a piece was cut off ends that piece, not an empty line.
                    if (!_afterCut) EmitLine();
                    _afterCut = false;
                }
                else
                {
                    _line.Append(c);
                    _afterCut = false;
                    if (_line.Length == MaxLineLength)
                    {
                        EmitLine();
                        _afterCut = true;
                    }
                }
            }
        }

        /// <summary>Emits a last line that had no line break.</summary>
        public void Finish()
        {
            if (_line.Length > 0) EmitLine();
        }

        private void EmitLine()
        {
            var text = _line.ToString();
            _line.Clear();
            _onLine(text);
        }
    }
}
