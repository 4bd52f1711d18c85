using System;
using System.Collections.Generic;
using SociTools.Core.Compression;

namespace SociTools.Core.Tar
{
    /// <summary>
    /// Builds soci's TOC from a layer's uncompressed tar bytes fed in any chunking, in one pass, with
    /// Go <c>archive/tar</c> semantics. File data is skipped by counting, never copied.
    /// </summary>
    public sealed class TarTocBuilder : IUncompressedSink
    {
        /// <summary>Largest PAX header or GNU long name accepted, the same 1 MiB limit Go's tar reader applies.</summary>
        public const int MaxSpecialFileSize = 1 << 20;

        private const int BlockSize = TarHeaderBlock.BlockSize;

        private enum State { Header, SecondZeroBlock, FileData, SpecialData, Padding, End, Failed }

        private readonly byte[] _block = new byte[BlockSize];
        private readonly List<TocEntry> _entries = new List<TocEntry>();
        private State _state = State.Header;
        private int _blockFill;
        private long _position;
        private long _dataRemaining;
        private int _paddingRemaining;
        private byte[] _special = new byte[0];
        private int _specialFill;
        private byte _specialType;
        private long _specialOffset;
        private Dictionary<RawString, RawString>? _paxRecords;
        private RawString _gnuLongName;
        private RawString _gnuLongLink;
        private long _archiveSize;
        private SociFormatException? _failure;

        /// <summary>Bytes received so far.</summary>
        public long Position => _position;

        public void Write(ReadOnlySpan<byte> data)
        {
            while (!data.IsEmpty)
            {
                switch (_state)
                {
                    case State.End:
                        _position += data.Length;
                        return;
                    case State.Failed:
                        throw Again(_failure!);
                    case State.Header:
                    case State.SecondZeroBlock:
                        data = FillBlock(data);
                        break;
                    case State.FileData:
                        var skipped = (int)Math.Min(_dataRemaining, data.Length);
                        Advance(ref data, skipped);
                        _dataRemaining -= skipped;
                        if (_dataRemaining == 0) _state = _paddingRemaining > 0 ? State.Padding : State.Header;
                        break;
                    case State.Padding:
                        var padding = Math.Min(_paddingRemaining, data.Length);
                        Advance(ref data, padding);
                        _paddingRemaining -= padding;
                        if (_paddingRemaining == 0) _state = State.Header;
                        break;
                    case State.SpecialData:
                        var copied = Math.Min(_special.Length - _specialFill, data.Length);
                        data.Slice(0, copied).CopyTo(_special.AsSpan(_specialFill));
                        _specialFill += copied;
                        Advance(ref data, copied);
                        if (_specialFill == _special.Length) Guard(FinishSpecialFile);
                        break;
                }
            }
        }

        /// <summary>Ends the stream and returns the TOC; throws <see cref="SociFormatException"/> if the tar stopped inside a header or inside file data.</summary>
        public TarToc Complete()
        {
            switch (_state)
            {
                case State.Failed:
                    throw Again(_failure!);
                case State.Header when _blockFill > 0:
                case State.SecondZeroBlock when _blockFill > 0:
                    Fail($"The tar stream ends inside a header block at offset {_position - _blockFill} ({_blockFill} of 512 bytes present).");
                    break;
                case State.FileData:
                    Fail($"The tar stream ends inside file data: {_dataRemaining} more byte(s) were expected at offset {_position}.");
                    break;
                case State.SpecialData:
                    Fail($"The tar stream ends inside the extended header that starts at offset {_specialOffset}.");
                    break;
                case State.End:
                    break;
                default:
                    // Go's reader reports a clean end at a block boundary, after one zero block, or inside padding.
                    _archiveSize = _position;
                    _state = State.End;
                    break;
            }
            return new TarToc(_entries.ToArray(), _archiveSize);
        }

        private void Advance(ref ReadOnlySpan<byte> data, int count)
        {
            _position += count;
            data = data.Slice(count);
        }

        private ReadOnlySpan<byte> FillBlock(ReadOnlySpan<byte> data)
        {
            var copied = Math.Min(BlockSize - _blockFill, data.Length);
            data.Slice(0, copied).CopyTo(_block.AsSpan(_blockFill));
            _blockFill += copied;
            Advance(ref data, copied);
            if (_blockFill == BlockSize)
            {
                _blockFill = 0;
                Guard(_state == State.Header ? ReadHeaderBlock : ReadSecondZeroBlock);
            }
            return data;
        }

        private void Guard(Action step)
        {
            try
            {
                step();
            }
            catch (SociFormatException e)
            {
                _state = State.Failed;
                _failure = e;
                throw;
            }
        }

        // Later calls report the first failure again, keeping its type (an unsupported entry is not corruption).
        private static SociFormatException Again(SociFormatException failure) =>
            failure is UnsupportedTarEntryException ? new UnsupportedTarEntryException(failure.Message) : new SociFormatException(failure.Message);

        private void Fail(string message)
        {
            _state = State.Failed;
            _failure = new SociFormatException(message);
            throw _failure;
        }

        private void ReadSecondZeroBlock()
        {
            if (!TarHeaderBlock.IsZeroBlock(_block))
            {
                throw new SociFormatException($"Tar header at offset {_position - BlockSize} follows a zero block; a zero block must be followed by a second one (end of archive).");
            }
            _archiveSize = _position;
            _state = State.End;
        }

        private void ReadHeaderBlock()
        {
            var headerOffset = _position - BlockSize;
            if (TarHeaderBlock.IsZeroBlock(_block))
            {
                _state = State.SecondZeroBlock;
                return;
            }
            var header = TarHeaderBlock.Parse(_block, headerOffset);
            switch (header.Typeflag)
            {
                case (byte)'x':
                case (byte)'g':
                case (byte)'L':
                case (byte)'K':
                    StartSpecialFile(header, headerOffset);
                    return;
                default:
                    AddEntry(header, headerOffset);
                    return;
            }
        }

        private void StartSpecialFile(TarHeaderBlock header, long headerOffset)
        {
            if (header.Size < 0)
            {
                throw new SociFormatException($"Tar header at offset {headerOffset} has a negative size.");
            }
            if (header.Size > MaxSpecialFileSize)
            {
                throw new SociFormatException($"Tar extended header at offset {headerOffset} is {header.Size} bytes; the limit is {MaxSpecialFileSize} bytes (as in Go's archive/tar).");
            }
            _specialType = header.Typeflag;
            _specialOffset = headerOffset;
            _special = new byte[header.Size];
            _specialFill = 0;
            _paddingRemaining = Padding(header.Size);
            if (header.Size == 0) FinishSpecialFile();
            else _state = State.SpecialData;
        }

        private void FinishSpecialFile()
        {
            _state = _paddingRemaining > 0 ? State.Padding : State.Header;
            switch (_specialType)
            {
                case (byte)'x':
                    _paxRecords = PaxHeader.Parse(_special, _specialOffset);
                    break;
                case (byte)'g':
                    PaxHeader.Parse(_special, _specialOffset);
                    throw new UnsupportedTarEntryException($"Tar entry at offset {_specialOffset} is a PAX global header (typeflag 'g'); soci cannot index it (unsupported input tar entry).");
                case (byte)'L':
                    _gnuLongName = TarHeaderBlock.CString(_special);
                    break;
                case (byte)'K':
                    _gnuLongLink = TarHeaderBlock.CString(_special);
                    break;
            }
            _special = new byte[0];
        }

        private void AddEntry(TarHeaderBlock header, long headerOffset)
        {
            var rawHeaderOnly = header.Typeflag >= (byte)'1' && header.Typeflag <= (byte)'6';
            if (header.Size < 0 && !rawHeaderOnly)
            {
                throw new SociFormatException($"Tar entry '{header.Name}' at offset {headerOffset} has a negative size ({header.Size}).");
            }
            var entry = new TocEntry
            {
                Name = header.Name,
                Linkname = header.Linkname,
                DataOffset = _position,
                Size = header.Size,
                Mode = header.Mode,
                Uid = header.Uid,
                Gid = header.Gid,
                Uname = header.Uname,
                Gname = header.Gname,
                ModTime = new TarTime(header.ModTimeSeconds, 0),
                DevMajor = header.DevMajor,
                DevMinor = header.DevMinor,
            };
            var records = _paxRecords;
            if (records != null) PaxHeader.Merge(entry, records, headerOffset);
            if (!_gnuLongName.IsEmpty) entry.Name = _gnuLongName;
            if (!_gnuLongLink.IsEmpty) entry.Linkname = _gnuLongLink;
            _paxRecords = null;
            _gnuLongName = _gnuLongLink = RawString.Empty;

            var typeflag = header.Typeflag;
            if (typeflag == 0) typeflag = entry.Name.EndsWith((byte)'/') ? (byte)TarEntryType.Directory : (byte)TarEntryType.Regular;
            if (typeflag < (byte)'0' || typeflag > (byte)'6')
            {
                throw new UnsupportedTarEntryException($"Tar entry '{entry.Name}' at offset {headerOffset} has typeflag {DescribeTypeflag(typeflag)}, which soci cannot index (unsupported input tar entry).");
            }
            entry.Type = (TarEntryType)typeflag;
            if (records != null && PaxHeader.DescribesSparseFile(records))
            {
                throw new UnsupportedTarEntryException($"Tar entry '{entry.Name}' at offset {headerOffset} is a GNU sparse file; sparse files are not supported.");
            }
            var dataLength = entry.Type.IsHeaderOnly() ? 0 : entry.Size;
            if (dataLength < 0)
            {
                throw new SociFormatException($"Tar entry '{entry.Name}' at offset {headerOffset} has a negative size ({entry.Size}).");
            }
            _entries.Add(entry);
            _dataRemaining = dataLength;
            _paddingRemaining = Padding(dataLength);
            _state = dataLength > 0 ? State.FileData : _paddingRemaining > 0 ? State.Padding : State.Header;
        }

        private static int Padding(long size) => (int)(-size & (BlockSize - 1));

        private static string DescribeTypeflag(byte typeflag) =>
            typeflag >= 0x20 && typeflag < 0x7f ? $"'{(char)typeflag}'" : $"0x{typeflag:x2}";
    }
}
