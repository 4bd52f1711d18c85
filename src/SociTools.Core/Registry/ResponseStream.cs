using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Registry
{
    /// <summary>
    /// A response body that ends every read, synchronous or not, when the operation is cancelled or when no byte
    /// came for the idle timeout; it releases its response (and connection) when disposed.
    /// </summary>
    internal sealed class ResponseStream : Stream
    {
        private readonly HttpResponseMessage _response;
        private readonly Stream _body;
        private readonly string _subject;
        private readonly TimeSpan _idleTimeout;
        private readonly CancellationToken _cancellation;

        private ResponseStream(HttpResponseMessage response, Stream body, string subject, TimeSpan idleTimeout, CancellationToken cancellation)
        {
            _response = response;
            _body = body;
            _subject = subject;
            _idleTimeout = idleTimeout;
            _cancellation = cancellation;
        }

        /// <summary>
        /// Wraps the body. <paramref name="cancellationToken"/> is the operation's: it also ends synchronous reads, which
        /// callers such as decompressors make without a token. A connection that breaks or stalls mid-body surfaces as a
        /// <see cref="RegistryException"/> naming the content.
        /// </summary>
        public static async Task<Stream> OpenAsync(HttpResponseMessage response, string subject, TimeSpan idleTimeout, CancellationToken cancellationToken)
        {
            var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            return new ResponseStream(response, body, subject, idleTimeout, cancellationToken);
        }

        /// <summary>Reads a whole body that must not exceed <paramref name="limit"/> bytes; <paramref name="what"/> names it in the error.</summary>
        public static async Task<byte[]> ReadBoundedAsync(
            HttpResponseMessage response, int limit, string what, string subject, TimeSpan idleTimeout, CancellationToken cancellationToken)
        {
            var declared = response.Content.Headers.ContentLength;
            if (declared > limit) throw TooLarge(what, subject, limit);
            using var stream = await OpenAsync(response, subject, idleTimeout, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + n > limit) throw TooLarge(what, subject, limit);
                buffer.Write(chunk, 0, n);
            }
            return buffer.ToArray();
        }

        private static RegistryException TooLarge(string what, string subject, int limit) =>
            new RegistryException(RegistryErrorKind.Protocol, $"The registry sent more than {limit} bytes for {what}; refusing it.", subject);

        internal static RegistryException Broken(string subject, Exception ex) =>
            new RegistryException(RegistryErrorKind.Network,
                $"The connection broke while downloading {subject}: {ex.Message} Try again.", subject, null, ex);

        private static RegistryException Stalled(string subject, TimeSpan idleTimeout) =>
            new RegistryException(RegistryErrorKind.Network,
                $"The download of {subject} stalled: the registry sent no data for {idleTimeout.TotalSeconds:0.#} s. " +
                "Try again, or allow a slow registry more time with -TimeoutSec.", subject);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        // A blocking read of the underlying body could be ended neither by the token nor by a timeout.
        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            using var read = CancellationTokenSource.CreateLinkedTokenSource(_cancellation, cancellationToken);
            read.CancelAfter(_idleTimeout);
            try
            {
                return await _body.ReadAsync(buffer, offset, count, read.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is IOException || ex is HttpRequestException || ex is ObjectDisposedException)
            {
                _cancellation.ThrowIfCancellationRequested();
                cancellationToken.ThrowIfCancellationRequested();
                if (read.IsCancellationRequested) throw Stalled(_subject, _idleTimeout);
                if (ex is OperationCanceledException || ex is ObjectDisposedException) throw;
                throw Broken(_subject, ex);
            }
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _body.Dispose();
                _response.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
