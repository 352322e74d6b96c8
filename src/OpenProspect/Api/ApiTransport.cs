using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OpenProspect.Api;

/// <summary>
/// Sends requests for one session: one HttpClient (connections are reused), the bearer header, the
/// User-Agent, a per-attempt timeout and the retry loop. Non-2xx answers become
/// <see cref="OpenProspectApiException"/>. The API key is read from its SecureString only to build a header.
/// </summary>
internal sealed class ApiTransport : IDisposable
{
    private const int MaxErrorBodyBytes = 1024 * 1024;
    private const int MaxDebugBodyChars = 4096;
    private const int MaxRedirects = 3;

    private readonly HttpClient _http;
    private readonly SecureString _apiKey;

    public ApiTransport(Uri baseUri, SecureString apiKey, string userAgent, TimeSpan attemptTimeout, RetryPolicy retryPolicy)
    {
        BaseUri = baseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
        _apiKey = apiKey;
        AttemptTimeout = attemptTimeout;
        RetryPolicy = retryPolicy;
        UserAgent = userAgent;
        var handler = new HttpClientHandler
        {
            // Redirects are followed here, not by the handler, which would drop the bearer header (see SendAsync).
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri BaseUri { get; }

    public TimeSpan AttemptTimeout { get; }

    public RetryPolicy RetryPolicy { get; }

    public string UserAgent { get; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _warned = new(StringComparer.Ordinal);

    /// <summary>Writes a warning the first time <paramref name="key"/> comes up in this session, so a long run is not flooded.</summary>
    public void WarnOnce(string key, string message, IApiLog log)
    {
        if (_warned.TryAdd(key, true)) log.Warning(message);
    }

    /// <summary>Sends a request whose answer needs no body.</summary>
    public Task<ApiResponse> SendAsync(ApiRequest request, IApiLog log, CancellationToken cancellationToken) =>
        SendAsync(request, static r => r, log, cancellationToken);

    /// <summary>
    /// Sends a request, retrying as the policy and <see cref="RepeatSafety"/> allow, and parses the 2xx answer with
    /// <paramref name="parse"/>. A body that does not parse (cut off by a proxy, not JSON) counts as a failed
    /// attempt of a repeatable request. A request that is not safe to repeat is sent again only when the server
    /// provably did not act on it (429, or no connection); after any other failure its exception says
    /// <see cref="OpenProspectApiException.OutcomeUnknown"/>.
    /// </summary>
    public async Task<T> SendAsync<T>(ApiRequest request, Func<ApiResponse, T> parse, IApiLog log, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        bool repeatable = RepeatSafety.IsRepeatable(request);
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = await SendOnceAsync(request, attempt, log, cancellationToken).ConfigureAwait(false);
            OpenProspectApiException failure;
            if (outcome.Response is { } ok)
            {
                try
                {
                    return parse(ok);
                }
                catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
                {
                    log.Verbose($"{request.Method.Method} {request.Path}: the answer is not the expected JSON: {ex.Message}");
                    failure = new OpenProspectApiException(ok.StatusCode, "INVALID_RESPONSE",
                        ex is UnexpectedShapeException
                            ? $"{request.Method.Method} {request.PathAndQuery} answered {ok.StatusCode}, {ex.Message}"
                            : $"The server answered {request.Method.Method} {request.Path} with {ok.StatusCode}, but the body is not the expected JSON ({ex.Message}). Body starts: {ApiErrorParser.Snippet(ok.Body)}",
                        method: request.Method.Method, path: request.PathAndQuery, attempts: attempt, innerException: ex)
                    { IsUnexpectedShape = ex is UnexpectedShapeException };
                }
            }
            else
            {
                failure = outcome.Failure!;
            }

            // The server did not act on a 429 or on a request that never left: repeating those is always safe.
            bool serverDidNotAct = failure.StatusCode == 429 || outcome.NotSent;
            bool retryable = failure.IsTransient && (repeatable || serverDidNotAct);
            var delay = retryable ? RetryPolicy.NextDelay(attempt, waited, failure.RetryAfter) : null;
            // A 2xx that could not be read was carried out all the same.
            bool mayHaveActed = failure.IsTransient || failure.StatusCode is >= 200 and < 300;
            if (delay is null) throw GiveUp(failure, attempt, retryable, outcomeUnknown: !repeatable && !serverDidNotAct && mayHaveActed);
            log.Verbose($"{request.Method.Method} {request.Path}: {Describe(failure)}; retry {attempt} of {RetryPolicy.MaxRetryCount} in {delay.Value.TotalSeconds:0.0} s");
            await Task.Delay(delay.Value, cancellationToken).ConfigureAwait(false);
            waited += delay.Value;
        }
    }

    private async Task<(ApiResponse? Response, OpenProspectApiException? Failure, bool NotSent)> SendOnceAsync(
        ApiRequest request, int attempt, IApiLog log, CancellationToken cancellationToken)
    {
        // Relative to the base, so a base URI with a path (a gateway) keeps it.
        var target = new Uri(BaseUri, request.PathAndQuery.TrimStart('/'));
        var method = request.Method;
        var watch = Stopwatch.StartNew();
        using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptCts.CancelAfter(AttemptTimeout);
        try
        {
            for (int redirects = 0; ; redirects++)
            {
                using var message = BuildMessage(method, target, request);
                if (log.IsDebugEnabled) log.Debug(DescribeRequest(message, request.Body));
                using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptCts.Token).ConfigureAwait(false);
                int status = (int)response.StatusCode;

                if (IsRedirect(status) && redirects < MaxRedirects && response.Headers.Location is { } location)
                {
                    // Follow only within the same origin, keeping the bearer header; never send the key elsewhere.
                    var next = location.IsAbsoluteUri ? location : new Uri(target, location);
                    if (Uri.Compare(next, BaseUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
                        && (status is 307 or 308 || method == HttpMethod.Get))
                    {
                        log.Verbose($"{method.Method} {target.PathAndQuery} -> {status}, following to {next.PathAndQuery}");
                        target = next;
                        continue;
                    }
                }

                bool success = status >= 200 && status < 300;
                var body = await ReadBodyAsync(response.Content, success ? int.MaxValue : MaxErrorBodyBytes, attemptCts.Token).ConfigureAwait(false);
                log.Verbose($"{method.Method} {target.PathAndQuery} -> {status} {response.ReasonPhrase} ({watch.ElapsedMilliseconds} ms{(attempt > 1 ? ", attempt " + attempt : "")})");
                if (log.IsDebugEnabled) log.Debug(DescribeResponse(response, body));
                if (success) return (new ApiResponse(status, body), null, false);

                string? retryAfter = response.Headers.RetryAfter is { } ra
                    ? (ra.Delta is { } d ? d.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) : ra.Date?.ToString("r"))
                    : null;
                return (null, ApiErrorParser.Parse(request, status, response.ReasonPhrase, body, retryAfter, attempt), false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            log.Verbose($"{method.Method} {target.PathAndQuery} -> no answer within {AttemptTimeout.TotalSeconds:0.#} s");
            return (null, new OpenProspectApiException(0, null,
                $"The server did not answer {method.Method} {request.Path} within {AttemptTimeout.TotalSeconds:0.#} seconds.",
                method: method.Method, path: request.PathAndQuery, attempts: attempt, innerException: ex), false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            var reason = ex.InnerException?.Message ?? ex.Message;
            log.Verbose($"{method.Method} {target.PathAndQuery} -> failed: {reason}");
            return (null, new OpenProspectApiException(0, null,
                $"Could not reach {BaseUri.GetLeftPart(UriPartial.Authority)} for {method.Method} {request.Path}: {reason}",
                method: method.Method, path: request.PathAndQuery, attempts: attempt, innerException: ex), NeverSent(ex));
        }
    }

    private HttpRequestMessage BuildMessage(HttpMethod method, Uri target, ApiRequest request)
    {
        var message = new HttpRequestMessage(method, target);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SecureStrings.Reveal(_apiKey));
        message.Headers.UserAgent.ParseAdd(UserAgent);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (request.IdempotencyKey is not null) message.Headers.TryAddWithoutValidation("Idempotency-Key", request.IdempotencyKey);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        return message;
    }

    private static bool IsRedirect(int status) => status is 301 or 302 or 303 or 307 or 308;

    private static async Task<byte[]> ReadBodyAsync(HttpContent? content, int limit, CancellationToken token)
    {
        if (content is null) return Array.Empty<byte>();
        using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
        if (content.Headers.ContentLength is long length && length <= limit)
        {
            // The usual case: the size is known, so the body is read straight into an array of that size.
            var exact = new byte[length];
            int filled = 0, n;
            while (filled < exact.Length && (n = await stream.ReadAsync(exact, filled, exact.Length - filled, token).ConfigureAwait(false)) > 0)
                filled += n;
            if (filled < exact.Length) throw new IOException($"The answer ended after {filled} of {exact.Length} bytes.");
            return exact;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, token).ConfigureAwait(false)) > 0)
        {
            int keep = (int)Math.Min(read, limit - buffer.Length);
            buffer.Write(chunk, 0, keep);
            if (buffer.Length >= limit) break;   // an enormous error page is cut, not buffered whole
        }
        return buffer.ToArray();
    }

    private static string Describe(OpenProspectApiException failure) =>
        failure.StatusCode == 0 ? failure.Message : $"{failure.StatusCode} {failure.ErrorId}";

    /// <summary>
    /// The final error of a request: says how often it was tried, why a retryable answer was not retried, or that
    /// a request which is not safe to repeat may or may not have been carried out.
    /// </summary>
    private OpenProspectApiException GiveUp(OpenProspectApiException f, int attempts, bool retryable, bool outcomeUnknown)
    {
        string message;
        if (outcomeUnknown)
            message = $"{f.Method} {f.Path} may or may not have been carried out ({(f.StatusCode > 0 ? $"{f.StatusCode} {f.ErrorId}: " : "")}{f.Message.TrimEnd('.')}). It was not sent again, because the API does not document that repeating it is safe.";
        else if (attempts > 1)
            message = $"{f.Method} {f.Path} failed {attempts} times; gave up. Last failure: {(f.StatusCode > 0 ? $"{f.StatusCode} {f.ErrorId}: " : "")}{f.Message}";
        else if (retryable && f.RetryAfter is { } ra && ra > RetryPolicy.MaxDelay)
            message = $"{f.Message} (the server asked to wait {ra.TotalSeconds:0} s; the session waits at most {RetryPolicy.MaxDelay.TotalSeconds:0} s: see Connect-OpenProspect -MaxRetryDelaySec)";
        else return f;
        return new OpenProspectApiException(f.StatusCode, f.Code, message, f.Details, f.RetryAfter, f.Method, f.Path, attempts, f.InnerException, outcomeUnknown)
        { IsUnexpectedShape = f.IsUnexpectedShape };
    }

    /// <summary>
    /// True when the connection failed before any byte of the request could go out (refused, no route, name not
    /// found): the server cannot have acted on it. A reset or timeout after connecting is not such a case.
    /// </summary>
    private static bool NeverSent(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is System.Net.Sockets.SocketException se)
                return se.SocketErrorCode is System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.HostNotFound
                    or System.Net.Sockets.SocketError.NoData or System.Net.Sockets.SocketError.TryAgain or System.Net.Sockets.SocketError.HostUnreachable
                    or System.Net.Sockets.SocketError.NetworkUnreachable or System.Net.Sockets.SocketError.AddressNotAvailable;
        }
        return false;
    }

    private static string DescribeRequest(HttpRequestMessage message, byte[]? body)
    {
        var sb = new StringBuilder().Append("HTTP request ").Append(message.Method.Method).Append(' ').Append(message.RequestUri!.PathAndQuery);
        foreach (var h in message.Headers)
        {
            // The bearer header is the secret: its value is never written anywhere.
            var value = string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase) ? "Bearer [redacted]" : string.Join(", ", h.Value);
            sb.Append("\n  ").Append(h.Key).Append(": ").Append(value);
        }
        if (body is { Length: > 0 }) sb.Append("\n  body: ").Append(Truncate(Encoding.UTF8.GetString(body)));
        return sb.ToString();
    }

    private static string DescribeResponse(HttpResponseMessage response, byte[] body)
    {
        var sb = new StringBuilder().Append("HTTP response ").Append((int)response.StatusCode).Append(' ').Append(response.ReasonPhrase);
        foreach (var h in response.Headers.Concat(response.Content.Headers))
            sb.Append("\n  ").Append(h.Key).Append(": ").Append(string.Join(", ", h.Value));
        if (body.Length > 0) sb.Append("\n  body: ").Append(Truncate(Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, MaxDebugBodyChars * 4))));
        return sb.ToString();
    }

    private static string Truncate(string s) => s.Length > MaxDebugBodyChars ? s.Substring(0, MaxDebugBodyChars) + $"… ({s.Length} chars)" : s;

    public void Dispose() => _http.Dispose();
}
