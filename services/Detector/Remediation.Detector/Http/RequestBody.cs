using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Remediation.Detector.Ingestion;

namespace Remediation.Detector.Http;

/// <summary>
/// Reads a request body for a JSON endpoint: the content type must be JSON (UTF-8), the body at most the cap, not empty,
/// and valid UTF-8. The bytes are kept whole (signatures are computed over them) in a pooled buffer.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private byte[]? _buffer;

    private RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public static async Task<(RequestBody? Body, Rejection? Rejection)> ReadAsync(HttpRequest request, int cap, CancellationToken cancellationToken)
    {
        if (CheckContentType(request.ContentType) is { } wrongType)
            return (null, wrongType);
        if (request.ContentLength > cap)
            return (null, TooLarge(request.ContentLength.Value, cap));

        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is { } declared and > 0 ? (int)declared + 1 : 16 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, cap + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, cap + 1) - length), cancellationToken);
                if (read == 0)
                    break;
                length += read;
                if (length > cap)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return (null, TooLarge(null, cap));
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return (null, TooLarge(null, cap));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        var body = new RequestBody(buffer, length);
        if (length == 0 || body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            body.Dispose();
            return (null, Rejection.BadRequest(ProblemCodes.EmptyBody, "The body is empty; a JSON document is expected."));
        }

        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            var at = FirstInvalidByte(body.Span);
            body.Dispose();
            return (null, Rejection.BadRequest(ProblemCodes.InvalidUtf8, $"The body is not valid UTF-8 (first invalid byte at offset {at})."));
        }

        return (body, null);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
            ArrayPool<byte>.Shared.Return(buffer);
    }

    private static Rejection? CheckContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
            return new Rejection(415, ProblemCodes.UnsupportedMediaType, "Content-Type is missing; send application/json.");
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type))
            return new Rejection(415, ProblemCodes.UnsupportedMediaType, $"Content-Type '{contentType}' cannot be read; send application/json.");

        var media = type.MediaType.Value ?? "";
        var json = media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        if (!json)
            return new Rejection(415, ProblemCodes.UnsupportedMediaType,
                $"Content-Type '{media}' is not accepted; send application/json (Datadog: leave 'Encode as form' unchecked).");
        if (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) &&
            !type.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            return new Rejection(415, ProblemCodes.UnsupportedMediaType, $"Charset '{type.Charset}' is not accepted; JSON is UTF-8.");
        return null;
    }

    private static Rejection TooLarge(long? declared, int cap) =>
        new(413, ProblemCodes.BodyTooLarge, declared is { } d
            ? $"The body is {d} bytes; at most {cap} bytes are accepted."
            : $"The body is larger than {cap} bytes, the most that is accepted.");

    private static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        var chars = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out _, replaceInvalidSequences: false);
            return read;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
