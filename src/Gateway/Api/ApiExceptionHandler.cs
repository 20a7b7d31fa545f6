using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orleans.Crm.Gateway.Api.Enums;
using Orleans.Crm.Grains;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// Turns what the rules and the runtime throw into problem details, in one place: <see cref="CrmException"/> →
/// 404/400/409 naming the field; <see cref="AccessDeniedException"/> → 403; unreadable bodies → 400 naming the field;
/// a cluster that kept failing within the retry budget (<see cref="ClusterRetryFilter"/>) → 503 (safe to retry with the
/// same command id).
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before retrying a 503.</summary>
    public const int RetryAfterSeconds = 1;

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var problem = exception switch
        {
            CrmException crm => FromCrm(crm),
            AccessDeniedException denied => Forbidden(denied),
            BadHttpRequestException bad => FromBadRequest(bad),
            ClusterUnavailableException unavailable => Unavailable(unavailable.Message),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            LogUnavailable(exception, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>A validation-style problem: <c>{ "errors": { field: [reason] } }</c>.</summary>
    public static HttpValidationProblemDetails FieldProblem(int status, string title, string? field, string reason) =>
        new(new Dictionary<string, string[]> { [field ?? string.Empty] = [reason] })
        {
            Status = status,
            Title = title,
            Detail = reason,
        };

    private static ProblemDetails Forbidden(AccessDeniedException denied)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = denied.Message };
        foreach (var (key, value) in denied.Extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    private static ProblemDetails FromCrm(CrmException crm) => crm.Kind switch
    {
        CrmErrorKind.NotFound => FieldProblem(StatusCodes.Status404NotFound, "Not found", crm.Field, crm.Message),
        CrmErrorKind.Invalid => FieldProblem(StatusCodes.Status400BadRequest, "One or more validation errors occurred.", crm.Field, crm.Message),
        CrmErrorKind.Forbidden => FieldProblem(StatusCodes.Status403Forbidden, "Forbidden", crm.Field, crm.Message),
        _ => FieldProblem(StatusCodes.Status409Conflict, "Conflict", crm.Field, crm.Message),
    };

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        // A JSON error knows where it happened ("$.groups[0].level"); name that field, in the API's own spelling.
        var json = bad.InnerException as JsonException;
        var field = json?.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : "body";
        if (json is EnumValueException)
        {
            // A well-formed body with a value outside an enum: a validation error, with the allowed values.
            return FieldProblem(StatusCodes.Status400BadRequest, "One or more validation errors occurred.", field, json.Message);
        }

        var reason = json is null
            ? bad.Message
            : $"The request body is not valid JSON for this request at '{json.Path}' (line {json.LineNumber + 1}): wrong type or malformed.";
        return FieldProblem(bad.StatusCode, bad.StatusCode == StatusCodes.Status400BadRequest ? "Malformed request" : "Unsupported request", field, reason);
    }

    private static ProblemDetails Unavailable(string detail) => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "Busy, retry",
        Detail = detail,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request to {Path} answered 503")]
    private partial void LogUnavailable(Exception exception, PathString path);
}
