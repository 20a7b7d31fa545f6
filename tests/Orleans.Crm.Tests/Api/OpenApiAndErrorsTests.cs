using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orleans.Crm.Tests.Api;

public sealed class OpenApiAndErrorsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHarness _api = fixture.Api;

    [Fact]
    public async Task TheOpenapiDocumentListsEveryRouteOfTheContract()
    {
        using var client = _api.Anonymous();

        var document = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await client.GetAsync("/openapi/v1.json"));

        var paths = document["paths"]!.AsObject();
        var expected = new (string Path, string Method)[]
        {
            ("/api/stores/{storeId}", "put"), ("/api/stores/{storeId}", "get"),
            ("/api/stores/{storeId}/duty/{date}", "put"), ("/api/stores/{storeId}/duty", "get"),
            ("/api/managers/{managerId}/leave/{date}", "put"), ("/api/managers/{managerId}/leave/{date}", "delete"),
            ("/api/stores/{storeId}/season", "put"), ("/api/designers/{designerId}/rank", "put"), ("/api/designers/{designerId}/presence", "put"),
            ("/api/stores/{storeId}/visits", "post"), ("/api/stores/{storeId}/board", "get"),
            ("/api/leads/{leadId}", "get"), ("/api/leads/{leadId}/suggestion", "get"),
            ("/api/leads/{leadId}/dispatch", "post"), ("/api/leads/{leadId}/refuse", "post"),
            ("/api/leads/{leadId}/deposit", "post"), ("/api/leads/{leadId}/contract", "post"), ("/api/leads/{leadId}/close", "post"),
            ("/api/leads/{leadId}/measurement", "post"), ("/api/leads/{leadId}/fee-handed", "post"),
            ("/api/leads/{leadId}/key-follow-up", "post"), ("/api/leads/{leadId}/follow-ups", "post"),
            ("/api/pool/leads", "post"), ("/api/pool", "get"), ("/api/pool/leads/{leadId}/claim", "post"),
            ("/api/customers/{customerId}", "get"), ("/api/dev/token", "post"),
        };
        foreach (var (path, method) in expected)
        {
            Assert.True(paths[path]?[method] is not null, $"{method.ToUpperInvariant()} {path} is missing from the OpenAPI document");
        }
    }

    [Theory]
    [InlineData("/api/stores/s1/visits")]
    [InlineData("/api/leads/l1/dispatch")]
    [InlineData("/api/leads/l1/deposit")]
    [InlineData("/api/pool/leads")]
    [InlineData("/api/pool/leads/l1/claim")]
    [InlineData("/api/dev/token")]
    public async Task MalformedJsonIsA400ProblemNotA500(string path)
    {
        using var hq = await _api.HqAsync();

        var response = await hq.PostAsync(path, ApiHarness.RawJson("""{"commandId": "c1", "name": """));

        var body = await ApiHarness.ExpectAsync(HttpStatusCode.BadRequest, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(body["errors"]!.AsObject());
    }

    [Fact]
    public async Task AnEmptyBodyIsA400Problem()
    {
        using var hq = await _api.HqAsync();

        var response = await hq.PostAsync("/api/pool/leads", ApiHarness.RawJson(""));

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, response, "body");
    }

    [Fact]
    public async Task AWronglyTypedFieldIsNamed()
    {
        var store = await _api.StoreAsync(1, 1);
        var (leadId, _, _) = await _api.DispatchedLeadAsync(store);
        using var hq = await _api.HqAsync();

        var response = await hq.PostAsync($"/api/leads/{leadId}/deposit", ApiHarness.RawJson("""{"commandId":"c","amount":{"yuan":5},"payerName":"A"}"""));

        await ApiHarness.ExpectFieldErrorAsync(HttpStatusCode.BadRequest, response, "amount");
    }

    [Fact]
    public async Task EnumsAreReadCaseInsensitivelyAndWrittenAsCamelCaseStrings()
    {
        var store = await _api.StoreAsync(1, 1);
        using var hq = await _api.HqAsync();

        var visit = await ApiHarness.ExpectAsync(HttpStatusCode.Created, await hq.PostAsJsonAsync($"/api/stores/{store.StoreId}/visits",
            new { commandId = "c", name = "A", phone = ApiHarness.NewPhone(), channel = "REFERRAL", referrerName = "老王" }));
        var lead = await ApiHarness.ExpectAsync(HttpStatusCode.OK, await hq.GetAsync($"/api/leads/{visit.Str("leadId")}"));

        Assert.Equal("referral", lead.Str("channel"));
        Assert.Equal("normal", lead.Str("status"));
    }

    [Fact]
    public async Task ValidationErrorsUseTheJsonFieldNames()
    {
        using var hq = await _api.HqAsync();

        var response = await hq.PostAsync("/api/pool/leads", ApiHarness.RawJson("""{"phone":"13912345678","channel":"web"}"""));

        var body = await ApiHarness.ExpectAsync(HttpStatusCode.BadRequest, response);
        var errors = body["errors"]!.AsObject();
        Assert.Contains("commandId", errors.Select(e => e.Key));
        Assert.Contains("name", errors.Select(e => e.Key));
        Assert.DoesNotContain("Name", errors.Select(e => e.Key));
        Assert.Contains("The name field", errors["name"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProblemsCarryATraceIdForSupport()
    {
        using var hq = await _api.HqAsync();

        var body = await ApiHarness.ExpectAsync(HttpStatusCode.NotFound, await hq.GetAsync($"/api/leads/{ApiHarness.NewId("l")}"));

        Assert.False(string.IsNullOrEmpty(body["traceId"]?.GetValue<string>()));
        Assert.Equal(404, body["status"]!.GetValue<int>());
        Assert.IsType<JsonObject>(body["errors"]);
    }
}

public sealed class ApiExceptionHandlerTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly ApiHarness _api = fixture.Api;

    public static TheoryData<Exception> Transient() => new()
    {
        new Orleans.Crm.Gateway.Api.ClusterUnavailableException(new Orleans.Runtime.SiloUnavailableException()),
        new Orleans.Crm.Gateway.Api.ClusterUnavailableException(new TimeoutException("slow database")),
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public async Task AClusterThatKeptFailingWithinTheRetryBudgetIs503WithRetryAfter(Exception exception)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = _api.Factory.Services };
        context.Response.Body = new MemoryStream();
        var handler = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<Orleans.Crm.Gateway.Api.ApiExceptionHandler>(_api.Factory.Services);

        var handled = await handler.TryHandleAsync(context, exception, CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task OtherExceptionsAreLeftToTheDefault500()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = _api.Factory.Services };
        var handler = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<Orleans.Crm.Gateway.Api.ApiExceptionHandler>(_api.Factory.Services);

        Assert.False(await handler.TryHandleAsync(context, new InvalidOperationException("bug"), CancellationToken.None));
    }

    [Fact]
    public async Task TheBoardOfAnUnknownStoreIs404()
    {
        using var hq = await _api.HqAsync();

        await ApiHarness.ExpectFieldErrorAsync(System.Net.HttpStatusCode.NotFound, await hq.GetAsync($"/api/stores/{ApiHarness.NewId("s")}/board"), "storeId");
    }
}
