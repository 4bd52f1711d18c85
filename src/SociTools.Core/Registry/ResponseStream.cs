using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Core.Registry
{
    /// <summary>A response body that releases its response (and connection) when disposed.</summary>
    internal sealed class ResponseStream : Stream
    {
        private readonly HttpResponseMessage _response;
        private readonly Stream _body;

        private readonly string _subject;

        private ResponseStream(HttpResponseMessage response, Stream body, string subject)
        {
            _response = response;
            _body = body;
            _subject = subject;
        }

        /// <summary>Wraps the body; a connection that breaks mid-body surfaces as a <see cref="RegistryException"/> naming the content.</summary>
        public static async Task<Stream> OpenAsync(HttpResponseMessage response, string subject)
        {
            var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            return new ResponseStream(response, body, subject);
        }

        internal static RegistryException Broken(string subject, Exception ex) =>
            new RegistryException(RegistryErrorKind.Network,
                $"The connection broke while downloading {subject}: {ex.Message} Try again.", subject, null, ex);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return _body.Read(buffer, offset, count);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
            {
                throw Broken(_subject, ex);
            }
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            try
            {
                return await _body.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
            {
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
