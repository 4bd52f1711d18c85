using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace SociTools.Core.Serialization
{
    /// <summary>Reads JSON object fields the way Go's <c>json.Unmarshal</c> fills a struct.</summary>
    /// <remarks>
    /// Go matches keys exactly first and then case-insensitively, lets the last duplicate win,
    /// leaves a field unchanged on <c>null</c>, and rejects values of the wrong JSON type.
    /// </remarks>
    internal static class GoJsonFields
    {
        public static IEnumerable<JsonProperty> Of(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object) throw WrongType(path, "an object", element);
            return element.EnumerateObject();
        }

        /// <summary>Returns the field name a JSON key fills, or null when Go would ignore the key.</summary>
        public static string? Match(string key, params string[] fields)
        {
            foreach (var field in fields)
            {
                if (string.Equals(key, field, StringComparison.Ordinal)) return field;
            }
            foreach (var field in fields)
            {
                if (string.Equals(key, field, StringComparison.OrdinalIgnoreCase)) return field;
            }
            return null;
        }

        public static string? String(JsonElement value, string path, string? current)
        {
            if (value.ValueKind == JsonValueKind.Null) return current;
            if (value.ValueKind != JsonValueKind.String) throw WrongType(path, "a string", value);
            return value.GetString();
        }

        public static Oci.Digest Digest(JsonElement value, string path, Oci.Digest current)
        {
            var text = String(value, path, null);
            if (text == null) return current;
            if (text.Length == 0) return default;
            if (!Oci.Digest.TryParse(text, out var digest))
            {
                throw new SociFormatException($"'{path}' is '{text}', which is not a digest of the form sha256:<64 lowercase hex digits>.");
            }
            return digest;
        }

        public static long Int64(JsonElement value, string path)
        {
            if (value.ValueKind == JsonValueKind.Null) return 0;
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
            {
                throw WrongType(path, "a whole number", value);
            }
            return number;
        }

        public static int Int32(JsonElement value, string path)
        {
            var number = Int64(value, path);
            if (number < int.MinValue || number > int.MaxValue) throw WrongType(path, "a whole number", value);
            return (int)number;
        }

        public static IList<string>? StringList(JsonElement value, string path)
        {
            if (value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind != JsonValueKind.Array) throw WrongType(path, "an array of strings", value);
            var list = new List<string>();
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                list.Add(String(item, $"{path}[{i++}]", "") ?? "");
            }
            return list;
        }

        public static IDictionary<string, string>? StringMap(JsonElement value, string path)
        {
            if (value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind != JsonValueKind.Object) throw WrongType(path, "an object of strings", value);
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in value.EnumerateObject())
            {
                map[property.Name] = String(property.Value, $"{path}[\"{property.Name}\"]", "") ?? "";
            }
            return map;
        }

        public static byte[]? Base64(JsonElement value, string path)
        {
            var text = String(value, path, null);
            if (text == null) return null;
            try
            {
                return Convert.FromBase64String(text);
            }
            catch (FormatException e)
            {
                throw new SociFormatException($"'{path}' is not valid base64.", e);
            }
        }

        public static SociFormatException WrongType(string path, string expected, JsonElement actual) =>
            new SociFormatException($"'{path}' must be {expected} but is {Describe(actual)}.");

        public static string Describe(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object: return "an object";
                case JsonValueKind.Array: return "an array";
                case JsonValueKind.String: return "a string";
                case JsonValueKind.Number: return "the number " + element.GetRawText();
                case JsonValueKind.True:
                case JsonValueKind.False: return "a boolean";
                case JsonValueKind.Null: return "null";
                default: return element.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture);
            }
        }
    }
}
