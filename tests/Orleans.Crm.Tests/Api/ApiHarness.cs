using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Crm.Tests.Infrastructure;

namespace Orleans.Crm.Tests.Api;

/// <summary>
/// A gateway plus the chores of API tests: dev tokens per role, a store set up with fresh ids, visits and dispatches.
/// Every helper uses new ids, so tests sharing one gateway never see each other's data.
/// </summary>
public sealed class ApiHarness : IAsyncDisposable
{
    private readonly GatewayFactory _root;

    public ApiHarness(GatewayFactory factory)
        : this(factory, factory)
    {
    }

    private ApiHarness(GatewayFactory root, WebApplicationFactory<Program> factory)
    {
        _root = root;
        Factory = factory;
    }

    public WebApplicationFactory<Program> Factory { get; }

    /// <summary>The database, when on PostgreSQL.</summary>
    public string? ConnectionString => _root.ConnectionString;

    public static ApiHarness InMemory() => new(new GatewayFactory());

    /// <summary>An in-memory gateway with extra host configuration (test services, settings) on top of the app's.</summary>
    public static ApiHarness InMemory(Action<IWebHostBuilder> configure, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var root = new GatewayFactory(settings: settings);
        return new ApiHarness(root, root.WithWebHostBuilder(configure));
    }

    /// <summary>A gateway on PostgreSQL: a fresh database, or <paramref name="connectionString"/> to act as a second process on it.</summary>
    public static async Task<ApiHarness> OnPostgresAsync(string? connectionString = null)
    {
        connectionString ??= await (await PostgresServer.GetAsync()).CreateDatabaseAsync("api");
        var root = new GatewayFactory(connectionString);

        // AddCrmSilo picks the storage provider while Program registers services, before the factory's
        // ConfigureAppConfiguration sources apply; host settings are visible by then.
        return new ApiHarness(root, root.WithWebHostBuilder(b => b
            .UseSetting("Storage:Provider", "postgres")
            .UseSetting("ConnectionStrings:Crm", connectionString)));
    }

    /// <summary>The storage the gateway's silo really uses (guards against silently testing in memory).</summary>
    public string StorageKind => Factory.Services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(Orleans.Crm.Grains.CrmStorage.Provider).GetType().Name;

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static string NewCommandId() => Guid.NewGuid().ToString("N");

    /// <summary>A fresh mainland mobile number.</summary>
    public static string NewPhone() => "139" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public HttpClient Anonymous() => Factory.CreateClient();

    public async Task<string> TokenAsync(string role, string? storeId = null, string? userId = null)
    {
        using var client = Factory.CreateClient();
        return await IssueTokenAsync(client, role, storeId, userId);
    }

    /// <summary>A dev token from whichever gateway <paramref name="client"/> talks to.</summary>
    public static async Task<string> IssueTokenAsync(HttpClient client, string role, string? storeId = null, string? userId = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsJsonAsync("/api/dev/token", new { role, storeId, userId });
        return (await ExpectAsync(HttpStatusCode.OK, response)).Str("token");
    }

    public async Task<HttpClient> ClientAsync(string role, string? storeId = null, string? userId = null)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(role, storeId, userId));
        return client;
    }

    public Task<HttpClient> HqAsync() => ClientAsync("hq");

    /// <summary>Sets up a store (as HQ) with <paramref name="groups"/> groups of <paramref name="designers"/> designers, no rest days.</summary>
    public async Task<TestStore> StoreAsync(int groups = 2, int designers = 2)
    {
        var store = TestStore.Create(groups, designers);
        using var hq = await HqAsync();
        var response = await hq.PutAsJsonAsync($"/api/stores/{store.StoreId}", store.SetupBody());
        await ExpectAsync(HttpStatusCode.OK, response);
        return store;
    }

    /// <summary>Registers a walk-in at the store (as HQ); returns the 201 body.</summary>
    public async Task<JsonObject> VisitAsync(TestStore store, string? phone = null, string name = "王小明")
    {
        using var hq = await HqAsync();
        var response = await hq.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits", new { commandId = NewCommandId(), name, phone = phone ?? NewPhone(), channel = "walkIn" });
        return await ExpectAsync(HttpStatusCode.Created, response);
    }

    /// <summary>A visit dispatched by the rules; returns (leadId, designerId, managerId).</summary>
    public async Task<(string LeadId, string DesignerId, string ManagerId)> DispatchedLeadAsync(TestStore store, string? phone = null)
    {
        var visit = await VisitAsync(store, phone);
        var leadId = visit.Str("leadId");
        var managerId = visit.Str("managerId");
        using var hq = await HqAsync();
        var response = await hq.PostAsJsonAsync($"/api/leads/{leadId}/dispatch", new { commandId = NewCommandId(), managerId });
        var body = await ExpectAsync(HttpStatusCode.OK, response);
        return (leadId, body.Str("designerId"), managerId);
    }

    /// <summary>Posts a lead to the pool (as HQ); returns its id.</summary>
    public async Task<string> PoolLeadAsync(string? phone = null)
    {
        using var hq = await HqAsync();
        var response = await hq.PostAsJsonAsync("/api/pool/leads", new { commandId = NewCommandId(), name = "李四", phone = phone ?? NewPhone(), channel = "web", source = "expo" });
        return (await ExpectAsync(HttpStatusCode.Created, response)).Str("leadId");
    }

    /// <summary>Asserts the status (showing the body when it differs) and returns the JSON object body.</summary>
    public static async Task<JsonObject> ExpectAsync(HttpStatusCode status, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} {status}, got {(int)response.StatusCode} {response.StatusCode}: {text}");
        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? new JsonObject { ["array"] = JsonNode.Parse(text) };
    }

    /// <summary>Asserts a problem response whose <c>errors</c> names <paramref name="field"/>.</summary>
    public static async Task<JsonObject> ExpectFieldErrorAsync(HttpStatusCode status, HttpResponseMessage response, string field)
    {
        var body = await ExpectAsync(status, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = body["errors"] as JsonObject;
        Assert.True(errors is not null && errors.ContainsKey(field), $"Expected errors to name '{field}': {body.ToJsonString()}");
        return body;
    }

    public static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync() => await _root.DisposeAsync();
}

/// <summary>A store with fresh ids: managers m0..m(n-1), each with designers.</summary>
public sealed record TestStore(string StoreId, IReadOnlyList<string> ManagerIds, IReadOnlyList<IReadOnlyList<string>> DesignerIds)
{
    public static TestStore Create(int groups, int designers)
    {
        var storeId = ApiHarness.NewId("s");
        var managers = Enumerable.Range(0, groups).Select(_ => ApiHarness.NewId("m")).ToList();
        var designerIds = managers.Select(_ => (IReadOnlyList<string>)[.. Enumerable.Range(0, designers).Select(_ => ApiHarness.NewId("d"))]).ToList();
        return new TestStore(storeId, managers, designerIds);
    }

    public IEnumerable<string> AllDesigners => DesignerIds.SelectMany(d => d);

    public object SetupBody() => new
    {
        name = "Store " + StoreId,
        groups = ManagerIds.Select((m, i) => new
        {
            managerId = m,
            managerName = "Manager " + i,
            designers = DesignerIds[i].Select((d, j) => new { designerId = d, name = $"Designer {i}.{j}", level = j == 0 ? "senior" : "style" }),
        }),
        rotation = ManagerIds,
        rotationStart = "2026-01-01",
        restDays = Array.Empty<string>(),
    };
}

public static class JsonTestExtensions
{
    public static string Str(this JsonNode node, string name) =>
        node[name]?.GetValue<string>() ?? throw new InvalidOperationException($"No '{name}' in {node.ToJsonString()}");

    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);
}
