using System;
using System.Text;

namespace SociTools.Core.Finch
{
    /// <summary>Cuts a stream of characters into lines at '\n', '\r' and "\r\n" (one break), keeping all text for the result.</summary>
    internal sealed class OutputLineSplitter
    {
        private readonly StringBuilder _all = new StringBuilder();
        private readonly StringBuilder _line = new StringBuilder();
        private readonly Action<string> _onLine;
        private bool _afterCarriageReturn;

        public OutputLineSplitter(Action<string> onLine)
        {
            _onLine = onLine;
        }

        public string AllText => _all.ToString();

        public void Write(char[] buffer, int count)
        {
            _all.Append(buffer, 0, count);
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
                    EmitLine();
                }
                else
                {
                    _line.Append(c);
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
