using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Crm.Grains;
using Orleans.Crm.Runtime;
using Orleans.Crm.Silo.Runtime;

namespace Orleans.Crm.Silo.Remote;

/// <summary>
/// The gateway side of <see cref="GrainCallProtocol"/>: sends each call to a silo, and on a connection failure or a
/// draining silo resends it to the next one with the same command id, so a retry can never apply twice.
/// </summary>
public sealed partial class HttpGrainCallInvoker(HttpClient http, IOptions<SiloClientOptions> options, ILogger<HttpGrainCallInvoker> logger)
    : IGrainCallInvoker, IGrainFactory
{
    private readonly Uri[] _endpoints = [.. options.Value.Endpoints.Select(e => new Uri(e.EndsWith('/') ? e : e + "/"))];

    /// <summary>How many attempts were resent to another silo (evidence for fault tests).</summary>
    public long Retries => Interlocked.Read(ref _retries);

    private long _retries;

    /// <inheritdoc />
    public TGrain GetGrain<TGrain>(string key) where TGrain : class => GrainReference.Create<TGrain>(this, key);

    /// <inheritdoc />
    public async Task<TResult> InvokeAsync<TResult>(GrainId id, MethodInfo method, object?[] arguments)
    {
        var command = RequestContext.TakeCommand();
        var (commandId, kind) = command is null ? ($"gw:{Guid.NewGuid():N}", "retry") : (command.Id, command.RecordAlways ? "client" : "retry");
        var body = JsonSerializer.SerializeToUtf8Bytes(
            arguments.Select((a, i) => (JsonElement?)(a is null ? null : JsonSerializer.SerializeToElement(a, method.GetParameters()[i].ParameterType, GrainJson.Options))).ToArray(),
            GrainJson.Options);
        var path = GrainCallProtocol.PathOf(id.Type, id.Key, method.Name).TrimStart('/');
        var start = PreferredSilo(id, _endpoints.Length);
        Exception? last = null;
        for (var attempt = 0; attempt < options.Value.Attempts; attempt++)
        {
            var endpoint = _endpoints[(int)((uint)(start + attempt) % (uint)_endpoints.Length)];
            if (attempt > 0)
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 * (1 << Math.Min(attempt, 5)))), CancellationToken.None).ConfigureAwait(false);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, path)) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add(GrainCallProtocol.CommandIdHeader, commandId);
            request.Headers.Add(GrainCallProtocol.CommandKindHeader, kind);
            using var timeout = new CancellationTokenSource(options.Value.CallTimeout);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // The call may or may not have reached the silo; the same command id makes resending safe.
                last = e;
                LogRetry(e, id.ToString(), method.Name, endpoint.ToString());
                continue;
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    return (await response.Content.ReadFromJsonAsync<TResult>(GrainJson.Options).ConfigureAwait(false))!;
                }

                var error = await ReadErrorAsync(response).ConfigureAwait(false);
                if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway)
                {
                    last = new SiloUnavailableException(endpoint.ToString(), error.Message);
                    continue;
                }

                throw ToException(id, response.StatusCode, error);
            }
        }

        throw new SiloUnavailableException(string.Join(", ", _endpoints.Select(e => e.ToString())), $"unreachable after {options.Value.Attempts} attempts ({last?.Message})");
    }

    /// <summary>
    /// Every gateway sends a grain's calls to the same silo first (a stable hash of the grain id), so each grain is
    /// active, cached and turn-serialised in one place and concurrent writers rarely meet in PostgreSQL. Any silo can
    /// still serve any call: on failure the next one takes it. Behind one Service URL this is moot.
    /// </summary>
    public static int PreferredSilo(GrainId id, int silos)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(silos, 1);
        var hash = 2166136261u;
        foreach (var c in id.Type + "/" + id.Key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)silos);
    }

    private static async Task<GrainCallError> ReadErrorAsync(HttpResponseMessage response)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<GrainCallError>(GrainJson.Options).ConfigureAwait(false)
                ?? new GrainCallError("internal", response.ReasonPhrase ?? "error");
        }
        catch (JsonException)
        {
            return new GrainCallError("internal", $"{(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }

    private static Exception ToException(GrainId id, HttpStatusCode status, GrainCallError error) => error.Error switch
    {
        "crm" => new CrmException(Enum.TryParse<CrmErrorKind>(error.Kind, out var kind) ? kind : CrmErrorKind.Invalid, error.Field, error.Message),
        "conflict" => new GrainConflictException(id, 0),
        "timeout" => new TimeoutException(error.Message),
        "cycle" => new GrainCallCycleException(id, []),
        _ => new InvalidOperationException($"Silo answered {(int)status}: {error.Message}"),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {Grain}.{Method} to {Silo} failed; resending to the next silo with the same command id")]
    private partial void LogRetry(Exception exception, string grain, string method, string silo);
}
