using System.Collections.Generic;
using System.Text;
using SociTools.Core.Serialization;
using Xunit;

namespace SociTools.Tests.Serialization
{
    public class GoJsonWriterTests
    {
        private static string WriteString(string value)
        {
            var writer = new GoJsonWriter();
            writer.String(value);
            return Encoding.UTF8.GetString(writer.ToArray());
        }

        [Fact]
        public void Escapes_html_characters_with_lowercase_unicode_escapes()
        {
            Assert.Equal("\"\\u003cb\\u003e \\u0026amp;\"", WriteString("<b> &amp;"));
        }

        [Fact]
        public void Leaves_plus_slash_and_non_ascii_unescaped()
        {
            Assert.Equal("\"application/vnd.oci.image.layer.v1.tar+gzip é 日本 😀\"", WriteString("application/vnd.oci.image.layer.v1.tar+gzip é 日本 😀"));
        }

        [Fact]
        public void Escapes_line_and_paragraph_separators()
        {
            Assert.Equal("\"a\\u2028b\\u2029c\"", WriteString("a\u2028b\u2029c"));
        }

        [Fact]
        public void Writes_control_characters_as_go_does()
        {
            Assert.Equal("\"\\b\\f\\n\\r\\t\\u0000\\u0001\\u001f\\u000b\u007f\"", WriteString("\b\f\n\r\t\0\u0001\u001f\u000b\u007f"));
        }

        [Fact]
        public void Escapes_quote_and_backslash()
        {
            Assert.Equal("\"say \\\"hi\\\" C:\\\\x\"", WriteString("say \"hi\" C:\\x"));
        }

        [Fact]
        public void Writes_each_invalid_utf8_byte_as_a_replacement_character()
        {
            var writer = new GoJsonWriter();
            writer.Utf8String(new byte[] { 0xFF, (byte)'a', 0xED, 0xA0, 0x80, (byte)'b', 0xC3 });
            Assert.Equal("\"\\ufffda\\ufffd\\ufffd\\ufffdb\\ufffd\"", Encoding.UTF8.GetString(writer.ToArray()));
        }

        [Fact]
        public void Writes_a_lone_surrogate_as_a_raw_replacement_character_as_go_round_trips_it()
        {
            // Go decodes an escaped lone surrogate to U+FFFD and writes that rune as raw UTF-8.
            Assert.Equal("\"x\uFFFDy\"", WriteString("x\uD800y"));
        }

        [Fact]
        public void Sorts_map_keys_by_utf8_bytes_not_utf16_code_units()
        {
            var writer = new GoJsonWriter();
            writer.StringMap(new Dictionary<string, string> { ["😀"] = "1", ["\uFF01"] = "2", ["b"] = "3", ["B"] = "4", ["a<"] = "5" });
            Assert.Equal("{\"B\":\"4\",\"a\\u003c\":\"5\",\"b\":\"3\",\"！\":\"2\",\"😀\":\"1\"}", Encoding.UTF8.GetString(writer.ToArray()));
        }

        [Fact]
        public void Writes_compact_nested_containers_with_int64_numbers_and_base64()
        {
            var writer = new GoJsonWriter();
            writer.BeginObject();
            writer.PropertyName("n");
            writer.Number(long.MaxValue);
            writer.PropertyName("list");
            writer.BeginArray();
            writer.Number(-1);
            writer.Boolean(true);
            writer.Null();
            writer.BeginObject();
            writer.EndObject();
            writer.EndArray();
            writer.PropertyName("data");
            writer.Base64(new byte[] { 0xFB, 0xFF });
            writer.EndObject();
            Assert.Equal("{\"n\":9223372036854775807,\"list\":[-1,true,null,{}],\"data\":\"+/8=\"}", Encoding.UTF8.GetString(writer.ToArray()));
        }
    
        [Fact]
        public void Refuses_calls_that_would_produce_invalid_json()
        {
            var writer = new GoJsonWriter();
            writer.BeginObject();
            Assert.Throws<System.InvalidOperationException>(() => writer.String("no name"));
            Assert.Throws<System.InvalidOperationException>(() => writer.EndArray());
            writer.PropertyName("list");
            writer.BeginArray();
            Assert.Throws<System.InvalidOperationException>(() => writer.PropertyName("x"));
            Assert.Throws<System.InvalidOperationException>(() => writer.ToArray());
        }
    }
}
