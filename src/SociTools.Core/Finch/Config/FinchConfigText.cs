using System;
using System.Text;

namespace SociTools.Core.Finch.Config
{
    /// <summary>
    /// finch.yaml's bytes as text: UTF-8, with its byte order mark (if any) kept aside so that
    /// encoding the unchanged text gives back the same bytes.
    /// </summary>
    internal sealed class FinchConfigText
    {
        private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        private FinchConfigText(string text, bool hasByteOrderMark)
        {
            Text = text;
            HasByteOrderMark = hasByteOrderMark;
        }

        public string Text { get; }

        public bool HasByteOrderMark { get; }

        /// <summary>The first line break in the text ("\n" when it has none), used for lines SociTools adds.</summary>
        public string LineEnding => LineEndingOf(Text);

        public static FinchConfigText Empty { get; } = new FinchConfigText("", false);

        public static FinchConfigText Decode(byte[] bytes, string path)
        {
            var bom = bytes.Length >= 3 && bytes[0] == Utf8Bom[0] && bytes[1] == Utf8Bom[1] && bytes[2] == Utf8Bom[2];
            if (!bom && bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            {
                throw new FinchConfigException(path, "the file is UTF-16; save it as UTF-8 (the encoding Finch writes) and try again.");
            }
            var start = bom ? 3 : 0;
            try
            {
                return new FinchConfigText(StrictUtf8.GetString(bytes, start, bytes.Length - start), bom);
            }
            catch (DecoderFallbackException e)
            {
                throw new FinchConfigException(path, "the file is not valid UTF-8 text; finch.yaml must be UTF-8.", inner: e);
            }
        }

        public FinchConfigText WithText(string text) => new FinchConfigText(text, HasByteOrderMark);

        public byte[] Encode()
        {
            var body = StrictUtf8.GetBytes(Text);
            if (!HasByteOrderMark) return body;
            var bytes = new byte[Utf8Bom.Length + body.Length];
            Buffer.BlockCopy(Utf8Bom, 0, bytes, 0, Utf8Bom.Length);
            Buffer.BlockCopy(body, 0, bytes, Utf8Bom.Length, body.Length);
            return bytes;
        }

        public static string LineEndingOf(string text)
        {
            var newline = text.IndexOf('\n');
            if (newline > 0 && text[newline - 1] == '\r') return "\r\n";
            if (newline >= 0) return "\n";
            return text.IndexOf('\r') >= 0 ? "\r" : "\n";
        }
    }
}
