using System;
using System.Collections.Generic;
using System.Text;

namespace SociTools.Core.Tar
{
    /// <summary>PAX extended header records and how they override a header, per Go's <c>parsePAX</c> and <c>mergePAX</c>.</summary>
    internal static class PaxHeader
    {
        private static readonly RawString SparseOffsetKey = "GNU.sparse.offset";
        private static readonly RawString SparseNumBytesKey = "GNU.sparse.numbytes";
        private static readonly RawString SparseMapKey = "GNU.sparse.map";
        private static readonly RawString SparseMajorKey = "GNU.sparse.major";
        private static readonly RawString SparseMinorKey = "GNU.sparse.minor";

        /// <summary>Parses <c>"%d %s=%s\n"</c> records; a later duplicate key wins.</summary>
        public static Dictionary<RawString, RawString> Parse(ReadOnlySpan<byte> data, long offset)
        {
            var records = new Dictionary<RawString, RawString>();
            var sparseMap = new List<string>();
            while (!data.IsEmpty)
            {
                if (!TryParseRecord(ref data, out var key, out var value))
                {
                    throw new SociFormatException($"PAX header at offset {offset} has a malformed record (expected \"<length> <key>=<value>\\n\").");
                }
                if (key == SparseOffsetKey || key == SparseNumBytesKey)
                {
                    var expected = sparseMap.Count % 2 == 0 ? SparseOffsetKey : SparseNumBytesKey;
                    if (key != expected || value.Contains((byte)','))
                    {
                        throw new SociFormatException($"PAX header at offset {offset} has GNU sparse records out of order.");
                    }
                    sparseMap.Add(value.ToString());
                }
                else
                {
                    records[key] = value;
                }
            }
            if (sparseMap.Count > 0) records[SparseMapKey] = string.Join(",", sparseMap);
            return records;
        }

        /// <summary>True when Go would treat the entry as a PAX-format GNU sparse file.</summary>
        public static bool DescribesSparseFile(Dictionary<RawString, RawString> records)
        {
            var major = Get(records, SparseMajorKey);
            var minor = Get(records, SparseMinorKey);
            if (major == "0" && (minor == "0" || minor == "1")) return true;
            if (major == "1" && minor == "0") return true;
            if (!major.IsEmpty || !minor.IsEmpty) return false;
            return !Get(records, SparseMapKey).IsEmpty;
        }

        /// <summary>Applies the records that override header fields; empty values keep the header's value.</summary>
        public static void Merge(TocEntry entry, Dictionary<RawString, RawString> records, long offset)
        {
            foreach (var record in records)
            {
                if (record.Value.IsEmpty) continue;
                var ok = true;
                switch (record.Key.ToString())
                {
                    case "path": entry.Name = record.Value; break;
                    case "linkpath": entry.Linkname = record.Value; break;
                    case "uname": entry.Uname = record.Value; break;
                    case "gname": entry.Gname = record.Value; break;
                    case "uid": ok = TryParseGoInt(record.Value.ToString(), out var uid); entry.Uid = uid; break;
                    case "gid": ok = TryParseGoInt(record.Value.ToString(), out var gid); entry.Gid = gid; break;
                    case "size": ok = TryParseGoInt(record.Value.ToString(), out var size); entry.Size = size; break;
                    case "mtime": ok = TryParseTime(record.Value.ToString(), out var mtime); entry.ModTime = mtime; break;
                    case "atime":
                    case "ctime": ok = TryParseTime(record.Value.ToString(), out _); break;
                }
                if (!ok)
                {
                    throw new SociFormatException($"PAX header before offset {offset} has an invalid '{record.Key}' value '{record.Value}'.");
                }
            }
            var sorted = new List<PaxRecord>(records.Count);
            foreach (var record in records) sorted.Add(new PaxRecord(record.Key, record.Value));
            sorted.Sort((a, b) => a.Key.CompareTo(b.Key));
            entry.PaxRecords = sorted;
        }

        private static RawString Get(Dictionary<RawString, RawString> records, RawString key) =>
            records.TryGetValue(key, out var value) ? value : RawString.Empty;

        private static bool TryParseRecord(ref ReadOnlySpan<byte> data, out RawString key, out RawString value)
        {
            key = value = default;
            var space = data.IndexOf((byte)' ');
            if (space < 0 || !TryParseGoInt(Encoding.ASCII.GetString(data.Slice(0, space).ToArray()), out var length)) return false;
            if (length < 5 || length > data.Length || length <= space + 1) return false;
            var record = data.Slice(space + 1, (int)length - space - 1);
            if (record[record.Length - 1] != '\n') return false;
            record = record.Slice(0, record.Length - 1);
            var equals = record.IndexOf((byte)'=');
            if (equals <= 0) return false;
            key = RawString.FromSpan(record.Slice(0, equals));
            value = RawString.FromSpan(record.Slice(equals + 1));
            var keyText = key.ToString();
            var checksValue = keyText == "path" || keyText == "linkpath" || keyText == "uname" || keyText == "gname";
            if (checksValue ? value.Contains(0) : key.Contains(0)) return false;
            data = data.Slice((int)length);
            return true;
        }

        /// <summary>Go's <c>strconv.ParseInt(s, 10, 64)</c>: optional sign, decimal digits, no overflow.</summary>
        private static bool TryParseGoInt(string text, out long value)
        {
            value = 0;
            var negative = false;
            var start = 0;
            if (text.Length > 0 && (text[0] == '+' || text[0] == '-'))
            {
                negative = text[0] == '-';
                start = 1;
            }
            if (start == text.Length) return false;
            ulong magnitude = 0;
            for (var i = start; i < text.Length; i++)
            {
                var c = text[i];
                if (c < '0' || c > '9') return false;
                if (magnitude > (ulong.MaxValue - 9) / 10) return false;
                magnitude = magnitude * 10 + (ulong)(c - '0');
                if (magnitude > (ulong)long.MaxValue + (negative ? 1UL : 0UL)) return false;
            }
            value = negative ? unchecked(-(long)magnitude) : (long)magnitude;
            return true;
        }

        /// <summary>Go's <c>parsePAXTime</c>: seconds with up to nine significant fraction digits.</summary>
        private static bool TryParseTime(string text, out TarTime time)
        {
            time = default;
            var dot = text.IndexOf('.');
            var secondsText = dot < 0 ? text : text.Substring(0, dot);
            var fraction = dot < 0 ? "" : text.Substring(dot + 1);
            if (!TryParseGoInt(secondsText, out var seconds)) return false;
            if (fraction.Length == 0)
            {
                time = new TarTime(seconds, 0);
                return true;
            }
            foreach (var c in fraction)
            {
                if (c < '0' || c > '9') return false;
            }
            fraction = fraction.Length < 9 ? fraction.PadRight(9, '0') : fraction.Substring(0, 9);
            var nanos = long.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture);
            time = TarTime.FromUnix(seconds, secondsText.StartsWith("-", StringComparison.Ordinal) ? -nanos : nanos);
            return true;
        }
    }
}
