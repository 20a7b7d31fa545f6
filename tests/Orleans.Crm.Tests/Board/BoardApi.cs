using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.Crm.Tests.Board;

/// <summary>Drives a gateway through its REST API for the board tests: tokens, a store, visits and dispatches.</summary>
public sealed class BoardApi(HttpClient http)
{
    private int _phone;

    /// <summary>A store id no other test uses.</summary>
    public static string NewStoreId(string prefix = "bd") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>
    /// Runs a command until the gateway accepts it (a silo may be leaving the cluster meanwhile); the command carries
    /// the same command id every time, so a retry after a lost answer never doubles it.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> command, TimeSpan? deadline = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await command();
            }
            catch (HttpRequestException e) when ((e.StatusCode is null || (int)e.StatusCode >= 500) && clock.Elapsed < (deadline ?? TimeSpan.FromSeconds(60)))
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>A dev token (Auth:DevTokens is on in the test gateways).</summary>
    public async Task<string> TokenAsync(string role, string? storeId = null, string? userId = null)
    {
        var response = await http.PostAsJsonAsync("/api/dev/token", new { role, storeId, userId });
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>A store with one group: manager <c>{storeId}-m1</c> and designers <c>{storeId}-d1..d3</c> (caps 2, 2, 1), no rest day.</summary>
    public async Task CreateStoreAsync(string storeId, string? hqToken = null)
    {
        hqToken ??= await TokenAsync("hq");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/stores/{storeId}")
        {
            Content = JsonContent.Create(new
            {
                name = $"测试门店 {storeId}",
                groups = new[]
                {
                    new
                    {
                        managerId = $"{storeId}-m1",
                        managerName = "周经理",
                        designers = new[]
                        {
                            new { designerId = $"{storeId}-d1", name = "李设计", level = "senior" },
                            new { designerId = $"{storeId}-d2", name = "陈设计", level = "style" },
                            new { designerId = $"{storeId}-d3", name = "赵设计", level = "finish" },
                        },
                    },
                },
                rotation = new[] { $"{storeId}-m1" },
                rotationStart = "2026-01-06",
                restDays = Array.Empty<string>(),
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", hqToken);
        await EnsureAsync(await http.SendAsync(request));
    }

    /// <summary>Registers a walk-in; returns the lead id.</summary>
    public async Task<string> VisitAsync(string storeId, string token, string name = "王小明", string? phone = null, string? commandId = null)
    {
        phone ??= $"139{Random.Shared.Next(1000, 9999):D4}{Interlocked.Increment(ref _phone) % 10000:D4}";
        var body = await PostAsync($"/api/stores/{storeId}/visits", token, new { commandId = commandId ?? Guid.NewGuid().ToString("N"), name, phone, channel = "walkIn" });
        return body.GetProperty("leadId").GetString()!;
    }

    /// <summary>Registers a walk-in, retrying (with one command id) until the gateway accepts it.</summary>
    public Task<string> VisitWithRetryAsync(string storeId, string token, string name = "王小明")
    {
        var phone = $"139{Random.Shared.Next(1000, 9999):D4}{Interlocked.Increment(ref _phone) % 10000:D4}";
        var commandId = Guid.NewGuid().ToString("N");
        return RetryAsync(() => VisitAsync(storeId, token, name, phone, commandId));
    }

    /// <summary>Dispatches by the rules (or to <paramref name="designerId"/> with a reason); returns the response.</summary>
    public Task<JsonElement> DispatchAsync(string leadId, string managerId, string token, string? designerId = null, string? reason = null, string? commandId = null) =>
        PostAsync($"/api/leads/{leadId}/dispatch", token, new { commandId = commandId ?? Guid.NewGuid().ToString("N"), managerId, designerId, reason });

    /// <summary>Dispatches by the rules, retrying (with one command id) until the gateway accepts it.</summary>
    public Task<JsonElement> DispatchWithRetryAsync(string leadId, string managerId, string token)
    {
        var commandId = Guid.NewGuid().ToString("N");
        return RetryAsync(() => DispatchAsync(leadId, managerId, token, commandId: commandId));
    }

    /// <summary>Closes a lead as lost (frees its slot).</summary>
    public Task<JsonElement> CloseAsync(string leadId, string token) =>
        PostAsync($"/api/leads/{leadId}/close", token, new { commandId = Guid.NewGuid().ToString("N"), outcome = "lost", reason = "other", analysis = "went quiet" });

    /// <summary>The board's current sequence, per the REST snapshot.</summary>
    public async Task<long> BoardSequenceAsync(string storeId, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/stores/{storeId}/board");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64();
    }

    private async Task<JsonElement> PostAsync(string path, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        await EnsureAsync(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}", null, response.StatusCode);
        }
    }
}
