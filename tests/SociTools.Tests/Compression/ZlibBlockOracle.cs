using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace SociTools.Tests.Compression
{
    /// <summary>
    /// The independent reference: system zlib's inflate with Z_BLOCK, driven the way soci's
    /// generate_zinfo_from_fp drives it (16 KiB reads, inflateReset2 between members).
    /// </summary>
    internal static unsafe class ZlibBlockOracle
    {
        private const string Library = "libz.so.1";
        private const int ZOk = 0, ZStreamEnd = 1, ZBufError = -5, ZBlock = 5;

        [StructLayout(LayoutKind.Sequential)]
        private struct ZStream
        {
            public byte* NextIn;
            public uint AvailIn;
            public nuint TotalIn;
            public byte* NextOut;
            public uint AvailOut;
            public nuint TotalOut;
            public IntPtr Msg;
            public IntPtr State;
            public IntPtr ZAlloc;
            public IntPtr ZFree;
            public IntPtr Opaque;
            public int DataType;
            public nuint Adler;
            public nuint Reserved;
        }

        [DllImport(Library)] private static extern IntPtr zlibVersion();
        [DllImport(Library)] private static extern int inflateInit2_(ZStream* strm, int windowBits, IntPtr version, int streamSize);
        [DllImport(Library)] private static extern int inflate(ZStream* strm, int flush);
        [DllImport(Library)] private static extern int inflateReset2(ZStream* strm, int windowBits);
        [DllImport(Library)] private static extern int inflateEnd(ZStream* strm);

        public static List<(long In, long Out, int Bits)> Checkpoints(byte[] gzip, long spanSize)
        {
            var points = new List<(long, long, int)>();
            var stream = new ZStream();
            var window = new byte[32768];
            if (inflateInit2_(&stream, 47, zlibVersion(), sizeof(ZStream)) != ZOk) throw new InvalidOperationException("inflateInit2 failed");
            try
            {
                fixed (byte* input = gzip)
                fixed (byte* output = window)
                {
                    long totalIn = 0, totalOut = 0, last = 0;
                    var position = 0;
                    var ret = ZOk;
                    while (true)
                    {
                        var chunk = Math.Min(16384, gzip.Length - position);
                        if (chunk == 0) break;
                        stream.NextIn = input + position;
                        stream.AvailIn = (uint)chunk;
                        position += chunk;
                        do
                        {
                            if (stream.AvailOut == 0)
                            {
                                stream.AvailOut = (uint)window.Length;
                                stream.NextOut = output;
                            }
                            totalIn += stream.AvailIn;
                            totalOut += stream.AvailOut;
                            ret = inflate(&stream, ZBlock);
                            totalIn -= stream.AvailIn;
                            totalOut -= stream.AvailOut;
                            if (ret != ZOk && ret != ZStreamEnd && ret != ZBufError) throw new InvalidOperationException("zlib inflate failed: " + ret);
                            if (ret == ZStreamEnd)
                            {
                                if (stream.AvailIn == 0 && position == gzip.Length) break;
                                inflateReset2(&stream, 47);
                                continue;
                            }
                            if ((stream.DataType & 128) != 0 && (stream.DataType & 64) == 0 && (totalOut == 0 || totalOut - last > spanSize))
                            {
                                points.Add((totalIn, totalOut, stream.DataType & 7));
                                last = totalOut;
                            }
                        }
                        while (stream.AvailIn != 0);
                    }
                    if (ret != ZStreamEnd) throw new InvalidOperationException("zlib did not reach the end of the gzip stream");
                }
            }
            finally
            {
                inflateEnd(&stream);
            }
            return points;
        }
    }
}
