using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.Crm.Tests.Cluster;

/// <summary>HTTP to gateway processes: dev tokens and authorized requests.</summary>
public static class ProcessApi
{
    /// <summary>A dev token from the gateway at <paramref name="gateway"/> (e.g. <c>new { role = "hq" }</c>).</summary>
    public static async Task<string> TokenAsync(HttpClient http, Uri gateway, object body)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.PostAsJsonAsync(new Uri(gateway, "api/dev/token"), body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>A request with the bearer token and, if given, a JSON body.</summary>
    public static HttpRequestMessage Request(HttpMethod method, Uri uri, string token, object? body)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }
}
