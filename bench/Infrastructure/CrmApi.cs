using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>
/// The REST API of issue 4 as the load generator calls it: one pooled <see cref="HttpClient"/> per gateway, a bearer
/// token per call, bodies as JSON, latency measured around each call.
/// </summary>
public sealed class CrmApi : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    /// <summary>A client of the gateway at <paramref name="baseAddress"/>.</summary>
    public CrmApi(Uri baseAddress)
    {
        BaseAddress = baseAddress;
        _http = new HttpClient(new SocketsHttpHandler
        {
            // Every concurrent caller gets its own connection, as separate front desks would.
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(120),
        };
    }

    /// <summary>The gateway's URL.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A dev token (<c>Auth:DevTokens</c>).</summary>
    public async Task<string> TokenAsync(string role, string? storeId = null, string? userId = null)
    {
        var response = await SendAsync(HttpMethod.Post, "api/dev/token", null, new { role, storeId, userId });
        return response.EnsureOk("POST /api/dev/token").Get("token")!;
    }

    /// <summary>POST with a JSON body.</summary>
    public Task<ApiResponse> PostAsync(string path, string token, object body) => SendAsync(HttpMethod.Post, path, token, body);

    /// <summary>PUT with a JSON body.</summary>
    public Task<ApiResponse> PutAsync(string path, string token, object body) => SendAsync(HttpMethod.Put, path, token, body);

    /// <summary>GET.</summary>
    public Task<ApiResponse> GetAsync(string path, string token) => SendAsync(HttpMethod.Get, path, token, null);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? token, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        }

        var started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (bytes.Length == 0 || response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return new ApiResponse(response.StatusCode, default, elapsed);
        }

        using var document = JsonDocument.Parse(bytes);
        return new ApiResponse(response.StatusCode, document.RootElement.Clone(), elapsed);
    }
}
