using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Crm.Tests.Grains;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Cluster;

/// <summary>
/// Two `src/Gateway` processes (each co-hosting a silo) started with the same PostgreSQL database act as one cluster:
/// a store decided through one is the same grain through the other. One is SIGKILLed in the middle of traffic; every
/// command that had no answer is resent with the same command id to the survivor: nothing acknowledged is lost and
/// nothing is applied twice.
/// </summary>
public sealed class CoHostedGatewayProcessTests
{
    private const string SigningKey = "co-hosted-gateway-test-signing-key-0123456789";

    [Fact]
    public async Task TwoCoHostedGatewaysOnOneDatabaseShareGrainsAndSurviveTheOtherBeingKilled()
    {
        var cluster = new ClusterEnvironment(
            await (await PostgresServer.GetAsync()).CreateDatabaseAsync("cohost"),
            new Dictionary<string, string> { ["Auth__DevTokens"] = "true", ["Auth__SigningKey"] = SigningKey, ["Demo__Seed"] = "false" });
        await using var first = await AppProcess.StartGatewayAsync("gateway-0", cluster.Silo());
        await using var second = await AppProcess.StartGatewayAsync("gateway-1", cluster.Silo());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var token = await ProcessApi.TokenAsync(http, first.Url, new { role = "hq", userId = "hq-test" });
        var store = Chain.NewStoreId();
        var setup = Chain.Setup(store, groups: 2);
        await SendAsync(http, first.Url, HttpMethod.Put, $"api/stores/{store}", token, new
        {
            name = setup.Name,
            groups = setup.Groups.Select(g => new { managerId = g.ManagerId, managerName = g.ManagerName, designers = g.Designers.Select(d => new { designerId = d.DesignerId, name = d.Name, level = d.Level.ToString().ToLowerInvariant() }) }),
            rotation = setup.Rotation,
            rotationStart = "2026-01-03",
            restDays = Array.Empty<string>(),
        });

        // One cluster: what the first gateway registered, the second sees at once (one activation of the store).
        var visit = await SendAsync(http, first.Url, HttpMethod.Post, $"api/stores/{store}/visits", token, new { commandId = "v-0", name = "王小明", phone = Chain.NewPhone() });
        var viaSecond = await SendAsync(http, second.Url, HttpMethod.Get, $"api/leads/{visit.GetProperty("leadId").GetString()}", token, null);
        Assert.Equal(store, viaSecond.GetProperty("storeId").GetString());

        // Traffic through both; the first gateway dies mid-way; unanswered commands go to the survivor, same command id.
        var acknowledged = new ConcurrentDictionary<string, string>();
        var resent = 0;
        using var stop = new CancellationTokenSource();
        var dead = false;
        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var commandId = $"w{w}-{n}";
                var body = new { commandId, name = "客户", phone = Chain.NewPhone() };
                for (var attempt = 0; ; attempt++)
                {
                    var gateway = !Volatile.Read(ref dead) && (w + attempt) % 2 == 0 ? first : second;
                    try
                    {
                        using var request = ProcessApi.Request(HttpMethod.Post, new Uri(gateway.Url, $"api/stores/{store}/visits"), token, body);
                        using var response = await http.SendAsync(request);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            var lead = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leadId").GetString()!;
                            Assert.True(acknowledged.GetOrAdd(commandId, lead) == lead, $"{commandId} was answered with two different leads");
                            break;
                        }

                        Assert.True((int)response.StatusCode >= 500, $"{commandId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        // The gateway is gone: resend to the other one.
                    }

                    Interlocked.Increment(ref resent);
                    await Task.Delay(100);
                }
            }
        })).ToArray();

        await Eventually.UntilAsync(() => Task.FromResult(acknowledged.Count > 40), "visits are acknowledged through both gateways");
        await first.KillAsync();
        Volatile.Write(ref dead, true);
        var atKill = acknowledged.Count;
        await Eventually.UntilAsync(() => Task.FromResult(acknowledged.Count > atKill + 40), "visits go on through the survivor");
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        // Every command was resent until answered, so the store's leads are exactly the acknowledged ones: running
        // numbers 1 (the first visit) to N without a gap or a double, each readable.
        var leads = acknowledged.Values.Append(visit.GetProperty("leadId").GetString()!).ToList();
        Assert.Equal(Enumerable.Range(1, leads.Count), leads.Select(id => int.Parse(id[(store.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture)).Order());
        foreach (var id in leads)
        {
            Assert.Equal(store, (await SendAsync(http, second.Url, HttpMethod.Get, $"api/leads/{id}", token, null)).GetProperty("storeId").GetString());
        }

        Assert.True(resent > 0, "no command was resent: the kill did not bite");
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, Uri gateway, HttpMethod method, string path, string token, object? body)
    {
        using var request = ProcessApi.Request(method, new Uri(gateway, path), token, body);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
