using System;

namespace SociTools.Core.Compression.Deflate
{
    /// <summary>Receives inflated bytes; returns false when it needs no more.</summary>
    internal delegate bool InflatedBytesHandler(byte[] buffer, int offset, int count);

    /// <summary>
    /// A managed raw-deflate decoder that can start at any block boundary: its history can be
    /// preset with a checkpoint window, and its input primed with the bits of a shared byte.
    /// </summary>
    internal sealed class DeflateInflater
    {
        private const int HistorySize = Checkpoint.WindowSize;
        private const int MaxMatch = 258;
        private static readonly DeflateCodeTables FixedTables = DeflateCodeTables.CreateFixed();

        private readonly DeflateBitInput _input;
        private readonly DeflateCodeTables _dynamicTables = new DeflateCodeTables();
        private readonly byte[] _output = new byte[HistorySize + 256 * 1024];
        private readonly InflatedBytesHandler _handler;
        private int _position;
        private int _emitted;
        private bool _stopped;

        public DeflateInflater(DeflateBitInput input, InflatedBytesHandler handler)
        {
            _input = input;
            _handler = handler;
        }

        /// <summary>True once the handler has asked for no more bytes.</summary>
        public bool Stopped => _stopped;

        /// <summary>Presets the 32 KiB that back-references at the start may reach into.</summary>
        public void SetDictionary(byte[] window)
        {
            var length = Math.Min(window.Length, HistorySize);
            Buffer.BlockCopy(window, window.Length - length, _output, HistorySize - length, length);
            _position = _emitted = HistorySize;
        }

        /// <summary>Decodes blocks until the final block of the current deflate stream ends (or the handler stops).</summary>
        public void InflateToEndOfStream()
        {
            bool final;
            do
            {
                var blockOffset = _input.BitPosition / 8;
                var header = _input.ReadBits(3);
                final = (header & 1) != 0;
                switch (header >> 1)
                {
                    case 0:
                        InflateStored();
                        break;
                    case 1:
                        InflateCoded(FixedTables);
                        break;
                    case 2:
                        _dynamicTables.ReadDynamicHeader(_input);
                        InflateCoded(_dynamicTables);
                        break;
                    default:
                        throw DeflateCodeTables.Corrupt(blockOffset, "invalid block type 3");
                }
                // Handing over at every block end lets a caller stop before the next block, whose bytes it may not have fetched.
                Emit();
            }
            while (!final && !_stopped);
        }

        private void InflateStored()
        {
            var length = _input.ReadStoredBlockLength();
            while (length > 0 && !_stopped)
            {
                MakeRoom();
                var step = Math.Min(length, _output.Length - _position);
                _input.ReadBytes(_output.AsSpan(_position, step), "a stored block");
                _position += step;
                length -= step;
            }
        }

        private void InflateCoded(DeflateCodeTables tables)
        {
            while (!_stopped)
            {
                MakeRoom();
                var symbol = DecodeOrThrow(tables.Literals, "invalid literal/length code");
                if (symbol < 256)
                {
                    _output[_position++] = (byte)symbol;
                    continue;
                }
                if (symbol == DeflateTables.EndOfBlock) return;
                symbol -= 257;
                if (symbol >= DeflateTables.LengthCodeCount) throw Corrupt("invalid literal/length code");
                var length = DeflateTables.LengthBase[symbol] + _input.ReadBits(DeflateTables.LengthExtraBits[symbol]);
                var distanceSymbol = DecodeOrThrow(tables.Distances, "invalid distance code");
                if (distanceSymbol >= DeflateTables.DistanceCodeCount) throw Corrupt("invalid distance code");
                var distance = DeflateTables.DistanceBase[distanceSymbol] + _input.ReadBits(DeflateTables.DistanceExtraBits[distanceSymbol]);
                if (distance > _position) throw Corrupt("invalid distance too far back");
                var from = _position - distance;
                if (distance >= length)
                {
                    Buffer.BlockCopy(_output, from, _output, _position, length);
                    _position += length;
                }
                else
                {
                    for (var i = 0; i < length; i++) _output[_position++] = _output[from + i];
                }
            }
        }

        private int DecodeOrThrow(HuffmanTable table, string problem)
        {
            var symbol = DeflateCodeTables.DecodeSymbol(_input, table);
            if (symbol < 0) throw Corrupt(problem);
            return symbol;
        }

        /// <summary>Keeps room for one more match, sliding the buffer down to its last 32 KiB when full.</summary>
        private void MakeRoom()
        {
            if (_position <= _output.Length - MaxMatch) return;
            Emit();
            Buffer.BlockCopy(_output, _position - HistorySize, _output, 0, HistorySize);
            _position = _emitted = HistorySize;
        }

        private void Emit()
        {
            if (_position > _emitted && !_stopped)
            {
                _stopped = !_handler(_output, _emitted, _position - _emitted);
            }
            _emitted = _position;
        }

        private SociFormatException Corrupt(string problem) => DeflateCodeTables.Corrupt(_input.BitPosition / 8, problem);
    }
}
