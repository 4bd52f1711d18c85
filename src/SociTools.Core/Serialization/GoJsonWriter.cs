using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace SociTools.Core.Serialization
{
    /// <summary>Writes compact JSON with the exact bytes Go's <c>encoding/json</c> Marshal produces.</summary>
    /// <remarks>
    /// Digests of SOCI indexes and rewritten manifests depend on these bytes, and the snapshotter
    /// re-encodes what it fetches with Go, so any difference in escaping or ordering breaks pulls.
    /// </remarks>
    public sealed class GoJsonWriter
    {
        private const string LowerHex = "0123456789abcdef";
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, false);

        private readonly MemoryStream _buffer = new MemoryStream();
        private readonly Stack<bool> _containerHasItems = new Stack<bool>();
        private readonly Stack<bool> _containerIsObject = new Stack<bool>();
        private bool _afterPropertyName;

        public void BeginObject()
        {
            BeforeValue();
            _buffer.WriteByte((byte)'{');
            _containerHasItems.Push(false);
            _containerIsObject.Push(true);
        }

        public void EndObject() => EndContainer('}');

        public void BeginArray()
        {
            BeforeValue();
            _buffer.WriteByte((byte)'[');
            _containerHasItems.Push(false);
            _containerIsObject.Push(false);
        }

        public void EndArray() => EndContainer(']');

        public void PropertyName(string name)
        {
            if (_containerHasItems.Count == 0 || !_containerIsObject.Peek() || _afterPropertyName)
            {
                throw new InvalidOperationException("A property name can only be written inside an object, before its value.");
            }
            WriteSeparator();
            WriteEscapedString(name);
            _buffer.WriteByte((byte)':');
            _afterPropertyName = true;
        }

        public void String(string value)
        {
            BeforeValue();
            WriteEscapedString(value);
        }

        /// <summary>Writes a string given as UTF-8 bytes; each invalid byte becomes <c>\ufffd</c>, as Go does.</summary>
        public void Utf8String(byte[] utf8)
        {
            BeforeValue();
            WriteEscapedUtf8(utf8);
        }

        public void Number(long value)
        {
            BeforeValue();
            WriteAscii(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        public void Boolean(bool value)
        {
            BeforeValue();
            WriteAscii(value ? "true" : "false");
        }

        public void Null()
        {
            BeforeValue();
            WriteAscii("null");
        }

        /// <summary>Writes bytes as Go writes a <c>[]byte</c>: standard base64 with padding, or null when absent.</summary>
        public void Base64(byte[]? value)
        {
            if (value == null)
            {
                Null();
                return;
            }
            BeforeValue();
            _buffer.WriteByte((byte)'"');
            WriteAscii(Convert.ToBase64String(value));
            _buffer.WriteByte((byte)'"');
        }

        /// <summary>Writes a <c>map[string]string</c>: keys sorted by their UTF-8 bytes, as Go sorts them.</summary>
        public void StringMap(IEnumerable<KeyValuePair<string, string>> map)
        {
            BeginObject();
            foreach (var pair in map.OrderBy(p => p.Key, Utf8OrdinalComparer.Instance))
            {
                PropertyName(pair.Key);
                String(pair.Value);
            }
            EndObject();
        }

        public void StringArray(IEnumerable<string> values)
        {
            BeginArray();
            foreach (var value in values) String(value);
            EndArray();
        }

        public byte[] ToArray()
        {
            if (_containerHasItems.Count != 0) throw new InvalidOperationException("The JSON document has unclosed objects or arrays.");
            return _buffer.ToArray();
        }

        private void BeforeValue()
        {
            if (_afterPropertyName)
            {
                _afterPropertyName = false;
                return;
            }
            if (_containerHasItems.Count == 0)
            {
                if (_buffer.Length != 0) throw new InvalidOperationException("A JSON document holds a single top-level value.");
                return;
            }
            if (_containerIsObject.Peek()) throw new InvalidOperationException("A value inside an object needs a property name first.");
            WriteSeparator();
        }

        private void WriteSeparator()
        {
            if (_containerHasItems.Pop()) _buffer.WriteByte((byte)',');
            _containerHasItems.Push(true);
        }

        private void EndContainer(char close)
        {
            if (_containerHasItems.Count == 0 || _afterPropertyName || _containerIsObject.Peek() != (close == '}'))
            {
                throw new InvalidOperationException($"'{close}' does not close an open container.");
            }
            _containerHasItems.Pop();
            _containerIsObject.Pop();
            _buffer.WriteByte((byte)close);
        }

        private void WriteAscii(string text)
        {
            foreach (var c in text) _buffer.WriteByte((byte)c);
        }

        private void WriteEscapedString(string value)
        {
            // A lone surrogate cannot be UTF-8; Go decodes an escaped one to U+FFFD, so write that.
            var builder = new StringBuilder(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    builder.Append(c).Append(value[++i]);
                }
                else if (char.IsSurrogate(c))
                {
                    builder.Append('\uFFFD');
                }
                else
                {
                    builder.Append(c);
                }
            }
            WriteEscapedUtf8(StrictUtf8.GetBytes(builder.ToString()));
        }

        private void WriteEscapedUtf8(byte[] utf8)
        {
            _buffer.WriteByte((byte)'"');
            var i = 0;
            while (i < utf8.Length)
            {
                var b = utf8[i];
                if (b < 0x80)
                {
                    WriteEscapedAscii(b);
                    i++;
                    continue;
                }
                var length = Utf8Rune.DecodeLength(utf8, i, out var codePoint);
                if (length == 0)
                {
                    WriteAscii("\\ufffd");
                    i++;
                    continue;
                }
                if (codePoint == 0x2028 || codePoint == 0x2029)
                {
                    WriteAscii(codePoint == 0x2028 ? "\\u2028" : "\\u2029");
                }
                else
                {
                    _buffer.Write(utf8, i, length);
                }
                i += length;
            }
            _buffer.WriteByte((byte)'"');
        }

        private void WriteEscapedAscii(byte b)
        {
            switch (b)
            {
                case (byte)'"': WriteAscii("\\\""); return;
                case (byte)'\\': WriteAscii("\\\\"); return;
                case (byte)'\b': WriteAscii("\\b"); return;
                case (byte)'\f': WriteAscii("\\f"); return;
                case (byte)'\n': WriteAscii("\\n"); return;
                case (byte)'\r': WriteAscii("\\r"); return;
                case (byte)'\t': WriteAscii("\\t"); return;
            }
            if (b < 0x20 || b == (byte)'<' || b == (byte)'>' || b == (byte)'&')
            {
                WriteAscii("\\u00");
                _buffer.WriteByte((byte)LowerHex[b >> 4]);
                _buffer.WriteByte((byte)LowerHex[b & 0xF]);
                return;
            }
            _buffer.WriteByte(b);
        }
    }
}
