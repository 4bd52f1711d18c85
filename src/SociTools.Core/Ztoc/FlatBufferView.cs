using System;

namespace SociTools.Core.Ztoc
{
    /// <summary>
    /// Bounds-checked reads of FlatBuffers tables, strings and vectors from an untrusted buffer; every malformed
    /// offset becomes a <see cref="SociFormatException"/> naming what was being read.
    /// </summary>
    internal sealed class FlatBufferView
    {
        private readonly byte[] _buffer;
        private readonly string _what;

        public FlatBufferView(byte[] buffer, string what)
        {
            _buffer = buffer ?? throw new ArgumentNullException(nameof(buffer));
            _what = what;
        }

        /// <summary>The root table of a buffer framed with plain <c>Finish</c> (no identifier, no size prefix).</summary>
        public int RootTable() => Follow(0, "root");

        /// <summary>The absolute position of a field's value, or -1 when the vtable omits it.</summary>
        public int Field(int table, int id, string field)
        {
            var vtable = (long)table - ReadInt32(table, field);
            Check(vtable, 4, field);
            var vtableSize = ReadUInt16((int)vtable, field);
            var slot = 4 + 2 * id;
            if (slot + 2 > vtableSize) return -1;
            Check(vtable, vtableSize, field);
            var fieldOffset = ReadUInt16((int)vtable + slot, field);
            if (fieldOffset == 0) return -1;
            var position = (long)table + fieldOffset;
            Check(position, 1, field);
            return (int)position;
        }

        public long Int64(int table, int id, string field, long defaultValue = 0)
        {
            var at = Field(table, id, field);
            if (at < 0) return defaultValue;
            Check(at, 8, field);
            return BitConverter.ToInt64(_buffer, at);
        }

        public int Int32(int table, int id, string field, int defaultValue = 0)
        {
            var at = Field(table, id, field);
            return at < 0 ? defaultValue : ReadInt32(at, field);
        }

        public uint UInt32(int table, int id, string field) => unchecked((uint)Int32(table, id, field));

        public sbyte Int8(int table, int id, string field, sbyte defaultValue)
        {
            var at = Field(table, id, field);
            return at < 0 ? defaultValue : unchecked((sbyte)_buffer[at]);
        }

        /// <summary>The table a field points to, or -1 when absent.</summary>
        public int Table(int table, int id, string field)
        {
            var at = Field(table, id, field);
            return at < 0 ? -1 : Follow(at, field);
        }

        /// <summary>A string or byte vector field's bytes; empty when absent.</summary>
        public ArraySegment<byte> Bytes(int table, int id, string field)
        {
            var at = Field(table, id, field);
            return at < 0 ? new ArraySegment<byte>(_buffer, 0, 0) : BytesAt(Follow(at, field), field);
        }

        /// <summary>A vector field's element count and the position of its first element; count 0 when absent.</summary>
        public int Vector(int table, int id, string field, int elementSize, out int firstElement)
        {
            firstElement = 0;
            var at = Field(table, id, field);
            if (at < 0) return 0;
            var vector = Follow(at, field);
            var count = ReadInt32(vector, field);
            if (count < 0) throw Malformed(field);
            Check(vector + 4L, (long)count * elementSize, field);
            firstElement = vector + 4;
            return count;
        }

        /// <summary>The target of the uoffset stored at <paramref name="position"/> (a vector element or a field).</summary>
        public int Follow(int position, string field)
        {
            var target = (long)position + (uint)ReadInt32(position, field);
            Check(target, 4, field);
            return (int)target;
        }

        public ArraySegment<byte> BytesAt(int position, string field)
        {
            var length = ReadInt32(position, field);
            if (length < 0) throw Malformed(field);
            Check(position + 4L, length, field);
            return new ArraySegment<byte>(_buffer, position + 4, length);
        }

        private int ReadInt32(long position, string field)
        {
            Check(position, 4, field);
            return BitConverter.ToInt32(_buffer, (int)position);
        }

        private ushort ReadUInt16(int position, string field)
        {
            Check(position, 2, field);
            return BitConverter.ToUInt16(_buffer, position);
        }

        private void Check(long position, long length, string field)
        {
            if (position < 0 || length < 0 || position + length > _buffer.Length) throw Malformed(field);
        }

        private SociFormatException Malformed(string field) =>
            new SociFormatException($"The {_what} is malformed: field '{field}' points outside the {_buffer.Length}-byte buffer.");
    }
}
