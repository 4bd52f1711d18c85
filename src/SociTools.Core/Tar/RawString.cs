using System;
using System.Text;

namespace SociTools.Core.Tar
{
    /// <summary>
    /// A byte string from a tar header or a zTOC, kept verbatim so names that are not UTF-8 round-trip
    /// (Go strings are bytes; soci stores them unchanged).
    /// </summary>
    public readonly struct RawString : IEquatable<RawString>, IComparable<RawString>
    {
        private static readonly byte[] NoBytes = new byte[0];
        private readonly byte[]? _bytes;

        public RawString(byte[] bytes) => _bytes = bytes ?? throw new ArgumentNullException(nameof(bytes));

        public static RawString Empty => default;

        /// <summary>The bytes; callers must not modify them.</summary>
        public byte[] Bytes => _bytes ?? NoBytes;

        public int Length => Bytes.Length;

        public bool IsEmpty => Length == 0;

        public static RawString FromString(string text) => new RawString(Encoding.UTF8.GetBytes(text));

        public static RawString FromSpan(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? Empty : new RawString(bytes.ToArray());

        public static implicit operator RawString(string text) => FromString(text);

        public bool StartsWith(RawString prefix) => Bytes.AsSpan().StartsWith(prefix.Bytes);

        public bool EndsWith(byte last) => Length > 0 && Bytes[Length - 1] == last;

        public bool Contains(byte value) => Bytes.AsSpan().IndexOf(value) >= 0;

        public RawString Substring(int start) => FromSpan(Bytes.AsSpan(start));

        /// <summary>UTF-8 text; invalid sequences show as U+FFFD.</summary>
        public override string ToString() => Encoding.UTF8.GetString(Bytes);

        public bool Equals(RawString other) => Bytes.AsSpan().SequenceEqual(other.Bytes);

        public override bool Equals(object? obj) => obj is RawString other && Equals(other);

        public override int GetHashCode()
        {
            var hash = 17;
            foreach (var b in Bytes) hash = unchecked(hash * 31 + b);
            return hash;
        }

        /// <summary>Byte order, as Go's <c>sort.Strings</c> compares.</summary>
        public int CompareTo(RawString other) => Bytes.AsSpan().SequenceCompareTo(other.Bytes);

        public static bool operator ==(RawString left, RawString right) => left.Equals(right);

        public static bool operator !=(RawString left, RawString right) => !left.Equals(right);
    }
}
