using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SociTools.Tests.Registry
{
    /// <summary>One HTTP request as the proxy received it.</summary>
    public sealed class ProxyRequest
    {
        public string Method { get; init; } = "";
        public string Target { get; init; } = "";
        public Dictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        public byte[] Body { get; init; } = Array.Empty<byte>();

        public string Path => Target.Split('?')[0];

        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>What the proxy does instead of forwarding: answer with a response, or reset the connection.</summary>
    public sealed class ProxyReply
    {
        private ProxyReply(byte[]? response, bool resetAfterResponse = false, int? forwardedBodyBytes = null, int? stallAfterResponseBytes = null)
        {
            Response = response;
            ResetAfterResponse = resetAfterResponse;
            ForwardedBodyBytes = forwardedBodyBytes;
            StallAfterResponseBytes = stallAfterResponseBytes;
        }

        /// <summary>Forward the request, pass on this many bytes of the upstream response (head included), then send nothing more.</summary>
        public int? StallAfterResponseBytes { get; }

        /// <summary>Hold the connection open and never answer: a service that accepted the request and hangs.</summary>
        public static ProxyReply Stall() => new ProxyReply(Array.Empty<byte>(), stallAfterResponseBytes: 0);

        /// <summary>Forward the request, pass on the first <paramref name="responseBytes"/> of the answer (head and part of the body), then stall.</summary>
        public static ProxyReply ForwardThenStall(int responseBytes) => new ProxyReply(null, stallAfterResponseBytes: responseBytes);

        /// <summary>A 200 whose body runs to the end of the connection, with no Content-Length to refuse it by.</summary>
        public static ProxyReply UndeclaredLength(byte[] body, string contentType)
        {
            var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nConnection: close\r\n\r\n");
            var response = new byte[head.Length + body.Length];
            head.CopyTo(response, 0);
            body.CopyTo(response, head.Length);
            return new ProxyReply(response);
        }

        public byte[]? Response { get; }

        public bool IsReset => Response == null && StallAfterResponseBytes == null;

        /// <summary>Forward the request head and this many body bytes upstream, then reset both connections.</summary>
        public int? ForwardedBodyBytes { get; }

        /// <summary>Reset the connection after writing the response, so a body shorter than its Content-Length breaks mid-way.</summary>
        public bool ResetAfterResponse { get; }

        public static ProxyReply Reset() => new ProxyReply(null);

        /// <summary>A connection cut mid-request: upstream gets the head and <paramref name="bodyBytes"/> of the body, then both sides a reset.</summary>
        public static ProxyReply CutRequestBody(int bodyBytes) => new ProxyReply(null, forwardedBodyBytes: bodyBytes);

        /// <summary>Headers announcing <paramref name="declaredLength"/> bytes, then only <paramref name="sent"/> and a reset.</summary>
        public static ProxyReply CutOff(long declaredLength, byte[] sent)
        {
            var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {declaredLength}\r\n\r\n");
            var response = new byte[head.Length + sent.Length];
            head.CopyTo(response, 0);
            sent.CopyTo(response, head.Length);
            return new ProxyReply(response, resetAfterResponse: true);
        }

        public static ProxyReply Status(int code, string reason, string body = "", string contentType = "text/plain", params (string Name, string Value)[] headers)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            var head = new StringBuilder($"HTTP/1.1 {code} {reason}\r\nContent-Type: {contentType}\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n");
            foreach (var (name, value) in headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
            head.Append("\r\n");
            var response = new byte[Encoding.ASCII.GetByteCount(head.ToString()) + bytes.Length];
            var headBytes = Encoding.ASCII.GetBytes(head.ToString());
            headBytes.CopyTo(response, 0);
            bytes.CopyTo(response, headBytes.Length);
            return new ProxyReply(response);
        }
    }

    /// <summary>
    /// A loopback HTTP/1.1 proxy, one request per connection: each request is shown to a hook that may answer
    /// it itself or reset the connection; otherwise it goes to the upstream port unchanged (Host kept, so
    /// upstream Location headers point back here).
    /// </summary>
    public sealed class LoopbackProxy : IDisposable
    {
        private const int MaxHeadSize = 64 * 1024;
        private readonly TcpListener _listener;
        private readonly int _upstreamPort;
        private readonly Func<ProxyRequest, ProxyReply?> _intercept;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly TaskCompletionSource _stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public LoopbackProxy(int upstreamPort, Func<ProxyRequest, ProxyReply?> intercept)
        {
            _upstreamPort = upstreamPort;
            _intercept = intercept;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = AcceptLoopAsync();
        }

        public int Port { get; }

        public string Host => "127.0.0.1:" + Port;

        public ConcurrentQueue<ProxyRequest> Requests { get; } = new ConcurrentQueue<ProxyRequest>();

        /// <summary>Completes when a reply first stalls: the client is then waiting on a connection that will send nothing more.</summary>
        public Task Stalled => _stalled.Task;

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var (request, raw) = await ReadRequestAsync(stream);
                    if (request == null) return;
                    Requests.Enqueue(request);
                    var reply = _intercept(request);
                    if (reply?.ForwardedBodyBytes is int forwarded)
                    {
                        await ForwardPartThenResetAsync(raw, raw.Length - request.Body.Length + Math.Min(forwarded, request.Body.Length));
                        Reset(client);
                        return;
                    }
                    if (reply?.StallAfterResponseBytes is int passed)
                    {
                        await ForwardPartOfResponseThenStallAsync(reply.Response == null ? raw : null, stream, passed);
                        return;
                    }
                    if (reply != null)
                    {
                        if (!reply.IsReset) await stream.WriteAsync(reply.Response!, _stop.Token);
                        if (reply.IsReset || reply.ResetAfterResponse)
                        {
                            await stream.FlushAsync(_stop.Token);
                            Reset(client);
                        }
                        return;
                    }
                    using var upstream = new TcpClient();
                    await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
                    var upstreamStream = upstream.GetStream();
                    await upstreamStream.WriteAsync(raw, _stop.Token);
                    await upstreamStream.CopyToAsync(stream, _stop.Token);
                }
                catch (Exception ex) when (ex is IOException || ex is SocketException || ex is OperationCanceledException || ex is ObjectDisposedException)
                {
                    // The client or the registry hung up; nothing to forward any more.
                }
            }
        }

        private async Task ForwardPartThenResetAsync(byte[] raw, int length)
        {
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
            var upstreamStream = upstream.GetStream();
            await upstreamStream.WriteAsync(raw.AsMemory(0, length), _stop.Token);
            await upstreamStream.FlushAsync(_stop.Token);
            Reset(upstream);
        }

        private async Task ForwardPartOfResponseThenStallAsync(byte[]? raw, NetworkStream client, int responseBytes)
        {
            using var upstream = new TcpClient();
            if (raw != null)
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
                var upstreamStream = upstream.GetStream();
                await upstreamStream.WriteAsync(raw, _stop.Token);
                var buffer = new byte[8192];
                var left = responseBytes;
                while (left > 0)
                {
                    var n = await upstreamStream.ReadAsync(buffer.AsMemory(0, Math.Min(left, buffer.Length)), _stop.Token);
                    if (n == 0) break;
                    await client.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
                    left -= n;
                }
                await client.FlushAsync(_stop.Token);
            }
            _stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, _stop.Token);
        }

        private static void Reset(TcpClient connection)
        {
            connection.Client.LingerState = new LingerOption(true, 0);
            connection.Client.Close();
        }

        /// <summary>Reads one request and rewrites it to close the connection after the response.</summary>
        private async Task<(ProxyRequest?, byte[])> ReadRequestAsync(NetworkStream stream)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int headEnd;
            while ((headEnd = IndexOfHeadEnd(buffer)) < 0)
            {
                if (buffer.Length > MaxHeadSize) return (null, Array.Empty<byte>());
                var n = await stream.ReadAsync(chunk, _stop.Token);
                if (n == 0) return (null, Array.Empty<byte>());
                buffer.Write(chunk, 0, n);
            }
            var all = buffer.ToArray();
            var lines = Encoding.ASCII.GetString(all, 0, headEnd).Split("\r\n");
            var requestLine = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines[1..])
            {
                var colon = line.IndexOf(':');
                if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
            var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text) : 0;
            var body = new MemoryStream();
            body.Write(all, headEnd + 4, all.Length - headEnd - 4);
            while (body.Length < length)
            {
                var n = await stream.ReadAsync(chunk, _stop.Token);
                if (n == 0) break;
                body.Write(chunk, 0, n);
            }
            var request = new ProxyRequest { Method = requestLine[0], Target = requestLine[1], Body = body.ToArray() };
            foreach (var pair in headers) request.Headers[pair.Key] = pair.Value;

            var head = new StringBuilder(lines[0]).Append("\r\n");
            foreach (var pair in headers)
            {
                if (pair.Key.Equals("Connection", StringComparison.OrdinalIgnoreCase) || pair.Key.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase)) continue;
                head.Append(pair.Key).Append(": ").Append(pair.Value).Append("\r\n");
            }
            head.Append("Connection: close\r\n\r\n");
            var raw = new MemoryStream();
            raw.Write(Encoding.ASCII.GetBytes(head.ToString()));
            raw.Write(request.Body);
            return (request, raw.ToArray());
        }

        private static int IndexOfHeadEnd(MemoryStream buffer)
        {
            var bytes = buffer.GetBuffer();
            for (var i = 0; i + 3 < buffer.Length; i++)
            {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') return i;
            }
            return -1;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
