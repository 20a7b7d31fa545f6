using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Crm.Gateway.Board;
using Orleans.Crm.Tests.Board;
using Orleans.Crm.Tests.Grains;
using Orleans.Crm.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Orleans.Crm.Tests.Cluster;

/// <summary>
/// Real processes on loopback — PostgreSQL, 3 silos, 2 gateways (Orleans clients) — under ~60 s of load from 200
/// simulated staff in a 20-store chain, with one screen per store on each gateway, while a silo is SIGKILLed and
/// restarted, another drains on SIGTERM, a gateway restarts and PostgreSQL restarts. Then nothing acknowledged may be
/// missing, nothing applied twice, no cap exceeded (from the dispatch events the screens received), one owner per
/// contested customer, every screen gap- and duplicate-free up to its store's last sequence, and the screens of the
/// stores whose silo was killed caught up within 15 s.
/// </summary>
public sealed class FaultInjectionClusterTests(ITestOutputHelper output)
{
    private const string SigningKey = "fault-injection-test-signing-key-0123456789abcdef";
    private const int Stores = 20;
    private const int Staff = 200;
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CatchUpAfterKill = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task AChainUnderFaultsLosesNothingAcknowledgedAndEveryScreenSeesTheWholeLog()
    {
        await using var server = await PostgresServer.StartDedicatedAsync();
        var cluster = new ClusterEnvironment(
            await server.CreateDatabaseAsync("fault"),
            new Dictionary<string, string> { ["Auth__DevTokens"] = "true", ["Auth__SigningKey"] = SigningKey, ["Demo__Seed"] = "false" });
        var silos = new List<AppProcess>();
        var gateways = new List<AppProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                silos.Add(await AppProcess.StartSiloAsync($"silo-{i}", cluster.Silo()));
            }

            for (var i = 0; i < 2; i++)
            {
                gateways.Add(await AppProcess.StartGatewayAsync($"gateway-{i}", cluster.ClientGateway()));
            }

            await RunAsync(server, silos, gateways);
        }
        finally
        {
            foreach (var process in silos.Concat(gateways))
            {
                await process.DisposeAsync();
            }
        }
    }

    private async Task RunAsync(PostgresServer server, List<AppProcess> silos, List<AppProcess> gateways)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var hqToken = await ProcessApi.TokenAsync(http, gateways[0].Url, new { role = "hq", userId = "hq-ops" });
        var stores = Enumerable.Range(0, Stores).Select(i => $"f{i:00}-{Guid.NewGuid().ToString("N")[..6]}").ToArray();
        foreach (var store in stores)
        {
            var setup = Chain.Setup(store, groups: 2);
            var body = new
            {
                name = setup.Name,
                groups = setup.Groups.Select(g => new { managerId = g.ManagerId, managerName = g.ManagerName, designers = g.Designers.Select(d => new { designerId = d.DesignerId, name = d.Name, level = d.Level.ToString().ToLowerInvariant() }) }),
                rotation = setup.Rotation,
                rotationStart = "2026-01-03",
                restDays = Array.Empty<string>(),
            };
            using var request = ProcessApi.Request(HttpMethod.Put, new Uri(gateways[0].Url, $"api/stores/{store}"), hqToken, body);
            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"store set-up: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var screens = new List<(string Store, ScreenClient Screen)>();
        foreach (var gateway in gateways)
        {
            foreach (var store in stores)
            {
                var token = await ProcessApi.TokenAsync(http, gateway.Url, new { role = "display", storeId = store });
                var screen = await ScreenClient.ConnectAsync(() => gateway.Url, token);
                await screen.SubscribeAsync(store);
                screens.Add((store, screen));
            }
        }

        try
        {
            await RunLoadAsync(server, silos, gateways, http, hqToken, stores, screens);
        }
        finally
        {
            foreach (var (_, screen) in screens)
            {
                await screen.DisposeAsync();
            }
        }
    }

    private async Task RunLoadAsync(PostgresServer server, List<AppProcess> silos, List<AppProcess> gateways, HttpClient http, string hqToken, string[] stores, List<(string Store, ScreenClient Screen)> screens)
    {
        var load = new StaffLoad(gateways, stores, hqToken);
        using var stopLoad = new CancellationTokenSource();
        var started = DateTime.UtcNow;
        var staffTasks = Enumerable.Range(0, Staff).Select(i => Task.Run(() => load.WorkAsync(i, stopLoad.Token))).ToList();

        var faults = new List<string>();
        async Task At(double seconds)
        {
            var wait = started.AddSeconds(seconds) - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }

        await At(8);
        var beforeKill = screens.Select(s => s.Screen.Sequence).ToArray();
        await silos[0].KillAsync();
        var killedAt = DateTime.UtcNow;
        faults.Add("SIGKILL silo-0");

        // The stores whose grains lived on the dead silo get new activations elsewhere, with no subscribers until the
        // gateways notice: every screen must move on past what it had at the kill within the bound.
        await Eventually.UntilAsync(
            () => Task.FromResult(screens.Select((s, i) => s.Screen.Sequence > beforeKill[i]).All(moved => moved)),
            "every screen received news after the kill",
            CatchUpAfterKill);
        faults.Add($"all screens moved on {(DateTime.UtcNow - killedAt).TotalSeconds:0.0}s after the kill");
        await At(14);
        await silos[0].StartAsync();
        faults.Add("restarted silo-0");
        await At(22);
        await silos[1].TerminateAsync(TimeSpan.FromSeconds(30));
        faults.Add("SIGTERM silo-1 (drained)");
        await silos[1].StartAsync();
        faults.Add("restarted silo-1");
        await At(32);
        await gateways[1].TerminateAsync(TimeSpan.FromSeconds(30));
        await gateways[1].StartAsync();
        faults.Add("restarted gateway-1");
        await At(44);
        await server.RestartAsync();
        faults.Add("restarted PostgreSQL");
        await At(LoadDuration.TotalSeconds);
        await stopLoad.CancelAsync();
        await Task.WhenAll(staffTasks);

        // Every screen catches up with its store's last sequence.
        using var hq = new HttpClient { BaseAddress = gateways[0].Url, Timeout = TimeSpan.FromSeconds(60) };
        hq.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", hqToken);
        var boards = new Dictionary<string, JsonElement>();
        foreach (var store in stores)
        {
            boards[store] = await hq.GetFromJsonAsync<JsonElement>($"api/stores/{store}/board");
        }

        foreach (var (store, screen) in screens)
        {
            await screen.WaitForSequenceAsync(boards[store].GetProperty("sequence").GetInt64());
        }

        var events = screens.SelectMany(s => s.Screen.Events).ToList();
        var report = $"acknowledged={load.Acknowledged.Count} retries={load.Retries} 5xx={load.ServerErrors} connection-failures={load.ConnectionFailures} " +
            $"dispatch-409={load.DispatchRefusals} deposit-accepted={load.Deposits.Count(d => d.Value.Accepted)} deposit-refused={load.Deposits.Count(d => !d.Value.Accepted)} " +
            $"screen-reconnects={screens.Sum(s => s.Screen.Reconnects)} snapshots={screens.Sum(s => s.Screen.Of(BoardMessages.BoardSnapshot).Count)} events-received={events.Count} faults=[{string.Join("; ", faults)}] took={(DateTime.UtcNow - started).TotalSeconds:0}s";
        output.WriteLine(report);

        // Nothing acknowledged is lost; nothing applied twice.
        // Every command was resent until answered, so a store's leads are exactly its acknowledged visits: running
        // numbers 1 to N without a gap (a lost lead) or a double (a visit applied twice), each readable.
        var visits = load.Acknowledged.Values.Where(a => a.Kind == "visit").ToList();
        foreach (var store in stores)
        {
            var numbers = visits.Where(v => v.Store == store).Select(v => int.Parse(v.LeadId![(store.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture)).Order();
            Assert.Equal(Enumerable.Range(1, visits.Count(v => v.Store == store)), numbers);
        }

        await Parallel.ForEachAsync(visits, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (v, _) =>
            Assert.Equal(v.Store, (await hq.GetFromJsonAsync<JsonElement>($"api/leads/{v.LeadId}")).GetProperty("storeId").GetString()));

        foreach (var dispatch in load.Acknowledged.Values.Where(a => a.Kind == "dispatch"))
        {
            var lead = await hq.GetFromJsonAsync<JsonElement>($"api/leads/{dispatch.LeadId}");
            Assert.Contains(lead.GetProperty("dispatches").EnumerateArray(), d => d.GetProperty("designerId").GetString() == dispatch.DesignerId);
        }

        // No designer ever went beyond the cap: every dispatch event carries the chosen designer's holding and cap.
        var dispatchEvents = events.Where(e => e.Argument.GetProperty("type").GetString() == "lead-dispatched").ToList();
        Assert.NotEmpty(dispatchEvents);
        foreach (var e in dispatchEvents)
        {
            var change = e.Argument.GetProperty("change");
            var chosen = change.GetProperty("lead").GetProperty("designerId").GetString();
            var card = change.GetProperty("designers").EnumerateArray().Single(d => d.GetProperty("designerId").GetString() == chosen);
            Assert.True(card.GetProperty("holding").GetInt32() <= card.GetProperty("cap").GetInt32(), $"{chosen} exceeded the cap");
        }

        // One owner per contested customer; every answer named it.
        foreach (var group in load.Deposits.Values.GroupBy(d => d.CustomerId))
        {
            var customer = await hq.GetFromJsonAsync<JsonElement>($"api/customers/{group.Key}");
            var owner = customer.GetProperty("owner").GetProperty("leadId").GetString();
            Assert.True(group.Count(d => d.Accepted) <= 1, $"customer {group.Key} accepted two deposits");
            Assert.All(group, d => Assert.Equal(owner, d.OwnerLeadId));
        }

        // Every screen saw its store's log gap-free and without duplicates, across reconnects and restarts.
        foreach (var (_, screen) in screens)
        {
            screen.AssertNoViolations();
        }

        Assert.True(load.Retries > 0, "no command was retried: the faults did not bite. " + report);
        Assert.True(screens.Sum(s => s.Screen.Reconnects) >= Stores, "the gateway restart did not reconnect its screens. " + report);
    }

    /// <summary>The simulated staff: visits, dispatches, deposits on contested customers, closes; retries with the same command id.</summary>
    private sealed class StaffLoad(List<AppProcess> gateways, string[] stores, string token)
    {
        private readonly string[] _contestedPhones = [.. Enumerable.Range(0, 30).Select(_ => Chain.NewPhone())];
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _undispatched = new();
        private readonly ConcurrentDictionary<string, (string Store, string CustomerId)> _contestedLeads = new();
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
        private long _retries;
        private long _serverErrors;
        private long _connectionFailures;
        private long _dispatchRefusals;

        public ConcurrentDictionary<string, Ack> Acknowledged { get; } = new();

        public ConcurrentDictionary<string, DepositAnswer> Deposits { get; } = new();

        public long Retries => Interlocked.Read(ref _retries);

        public long ServerErrors => Interlocked.Read(ref _serverErrors);

        public long ConnectionFailures => Interlocked.Read(ref _connectionFailures);

        public long DispatchRefusals => Interlocked.Read(ref _dispatchRefusals);

        public async Task WorkAsync(int worker, CancellationToken stop)
        {
            var random = new Random(worker);
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var store = stores[random.Next(stores.Length)];
                var commandId = $"staff{worker}-{n++}";
                var roll = random.Next(100);
                if (roll < 45)
                {
                    var contested = random.Next(5) == 0;
                    var phone = contested ? _contestedPhones[random.Next(_contestedPhones.Length)] : Chain.NewPhone();
                    var (status, body) = await SendAsync($"api/stores/{store}/visits", new { commandId, name = "客户", phone, channel = "walkIn" }, random);
                    if (status == HttpStatusCode.Created)
                    {
                        var leadId = body.GetProperty("leadId").GetString()!;
                        Acknowledged[commandId] = new Ack("visit", store, leadId, null);
                        _undispatched.GetOrAdd(store, _ => new()).Enqueue(leadId);
                        if (contested)
                        {
                            _contestedLeads[leadId] = (store, body.GetProperty("customerId").GetString()!);
                        }
                    }
                }
                else if (roll < 80 && _undispatched.TryGetValue(store, out var queue) && queue.TryDequeue(out var lead))
                {
                    var (status, body) = await SendAsync($"api/leads/{lead}/dispatch", new { commandId, managerId = $"{store}-m{random.Next(1, 3)}" }, random);
                    if (status == HttpStatusCode.OK && body.TryGetProperty("designerId", out var designer) && designer.ValueKind == JsonValueKind.String)
                    {
                        Acknowledged[commandId] = new Ack("dispatch", store, lead, designer.GetString());
                    }
                    else if (status == HttpStatusCode.Conflict)
                    {
                        Interlocked.Increment(ref _dispatchRefusals);
                    }
                }
                else if (roll < 92 && _contestedLeads.Keys.ToArray() is { Length: > 0 } contestedKeys)
                {
                    var picked = contestedKeys[random.Next(contestedKeys.Length)];
                    if (_contestedLeads.TryRemove(picked, out var target))
                    {
                        var (status, body) = await SendAsync($"api/leads/{picked}/deposit", new { commandId, amount = 5000, payerName = "客户" }, random);
                        if (status is HttpStatusCode.OK or HttpStatusCode.Conflict && body.TryGetProperty("owner", out var owner))
                        {
                            Deposits[commandId] = new DepositAnswer(target.CustomerId, status == HttpStatusCode.OK, owner.GetProperty("leadId").GetString()!);
                        }
                    }
                }
                else if (_undispatched.TryGetValue(store, out var closable) && closable.TryDequeue(out var closing))
                {
                    await SendAsync($"api/leads/{closing}/close", new { commandId, outcome = random.Next(2) == 0 ? "lost" : "invalid", reason = "other", analysis = "went quiet" }, random);
                }
            }
        }

        /// <summary>Sends until a definitive answer (2xx or 4xx), resending the same command id to any gateway.</summary>
        private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(string path, object body, Random random)
        {
            for (var attempt = 0; ; attempt++)
            {
                if (attempt > 0)
                {
                    Interlocked.Increment(ref _retries);
                    await Task.Delay(100 + random.Next(200));
                }

                var gateway = gateways[(random.Next(2) + attempt) % gateways.Count];
                try
                {
                    using var request = ProcessApi.Request(HttpMethod.Post, new Uri(gateway.Url, path), token, body);
                    using var response = await _http.SendAsync(request);
                    if ((int)response.StatusCode >= 500)
                    {
                        Interlocked.Increment(ref _serverErrors);
                        continue;
                    }

                    var text = await response.Content.ReadAsStringAsync();
                    return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref _connectionFailures);
                }

                if (attempt > 300)
                {
                    throw new TimeoutException($"{path} never got a definitive answer.");
                }
            }
        }
    }

    private sealed record Ack(string Kind, string Store, string? LeadId, string? DesignerId);

    private sealed record DepositAnswer(string CustomerId, bool Accepted, string OwnerLeadId);
}
