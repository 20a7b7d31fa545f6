using System.Collections.Immutable;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Crm.Gateway.Api.Validation;
using Orleans.Crm.Gateway.Auth;
using Orleans.Crm.Grains;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// The audit of customer data (issue 14, DOMAIN §9): every read of a customer's full details is recorded — who, when,
/// which customer, from which address — before it is answered (a failed audit means no answer), and HQ reads the reads
/// and the exports (<see cref="ExportsApi"/>, audited the same way) in one list.
/// </summary>
public static class AuditApi
{
    private const string ReadIdItem = "crm.read-command";

    /// <summary>Who reads the audit.</summary>
    public static readonly string[] Auditors = [CrmRoles.Hq];

    /// <summary>Maps <c>GET /api/audit</c>.</summary>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGroup("/audit").RequireAuthorization(CrmPolicies.Staff).WithTags("Audit")
            .MapGet("", GetAudit)
            .WithSummary("Reads of customers' full details and exports, newest first: who, when, which customer or export, from which address; customerId= (reads of that customer), userId=, from/to (YYYY-MM-DD chain-local days, to inclusive, or ISO 8601 instants, to exclusive). HQ only")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem();
        return api;
    }

    /// <summary>
    /// Records that the caller reads <paramref name="customerId"/>'s full details (through <paramref name="what"/>
    /// <paramref name="subject"/>) before the answer leaves: once per request however often the cluster retry filter
    /// runs the handler (the request keeps one command id).
    /// </summary>
    public static async Task RecordReadAsync(HttpContext http, IGrainFactory grains, string customerId, string what, string subject, string? storeId)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(grains);
        var user = http.Staff();
        if (http.Items[ReadIdItem] is not string commandId)
        {
            commandId = Guid.NewGuid().ToString("N");
            http.Items[ReadIdItem] = commandId;
        }

        var record = new CustomerReadRecord(user.UserId, user.Role, storeId, customerId, what, subject, http.Connection.RemoteIpAddress?.ToString());
        await Commands.RunAsync(http, "read", subject, storeId, commandId, async id =>
        {
            await grains.GetGrain<IAccessLogGrain>(user.UserId).RecordReadAsync(record, id);
            return true;
        });
    }

    private static async Task<Ok<ImmutableArray<AuditEntry>>> GetAudit(string? customerId, string? userId, string? from, string? to, HttpContext http, IGrainFactory grains)
    {
        var user = http.Staff();
        user.EnsureRole(Auditors);
        if (customerId is not null && !CrmIdAttribute.IsValidId(customerId))
        {
            throw CrmException.Invalid("customerId", CrmIdAttribute.Reason("customerId"));
        }

        if (userId is not null && !CrmIdAttribute.IsValidId(userId))
        {
            throw CrmException.Invalid("userId", CrmIdAttribute.Reason("userId"));
        }

        var first = Instant(from, "from", endOfDay: false);
        var last = Instant(to, "to", endOfDay: true);
        if (first >= last)
        {
            throw CrmException.Invalid("to", $"The to field ({to}) must be after from ({from}).");
        }

        // Entries a dead activation saved but did not append yet reach the journal first (the reader's, when named).
        await grains.GetGrain<IExportLogGrain>(0).CatchUpAsync();
        if (userId is not null)
        {
            await grains.GetGrain<IAccessLogGrain>(userId).CatchUpAsync();
        }

        return TypedResults.Ok(await grains.GetGrain<IReportsGrain>(0).GetAuditAsync(customerId, userId, first, last));
    }

    /// <summary>A bound of the period: a chain-local date (a whole day) or an ISO 8601 instant with its offset; 400 naming the field.</summary>
    private static DateTimeOffset? Instant(string? value, string field, bool endOfDay)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length == ApiDates.Format.Length)
        {
            var date = ApiDates.Parse(value, field);
            return StartOfDay(endOfDay ? date.AddDays(1) : date);
        }

        return DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at
            : throw CrmException.Invalid(field, $"The {field} field must be a date written YYYY-MM-DD or an instant written 2026-11-30T09:00:00+08:00, got '{value}'.");
    }

    private static DateTimeOffset StartOfDay(DateOnly date)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(ComplaintsApi.ChainTimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
