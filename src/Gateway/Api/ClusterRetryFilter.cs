using Polly;
using Polly.Registry;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// Runs a whole API handler again when the cluster failed it (a silo dying or unreachable, a timeout, a write that lost
/// a version check or hit a restarting database): every command carries its command id into the deciding grain, so
/// running the handler again is safe — the first success is remembered and returned. The budget is the
/// <see cref="ClusterResilience.PipelineName"/> pipeline; when it runs out the caller gets 503 (retry later with the
/// same command id), never 500. Refusals of the rules and of access are answers, not failures: never retried.
/// </summary>
public sealed class ClusterRetryFilter(ResiliencePipelineProvider<string> pipelines) : IEndpointFilter
{
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(ClusterResilience.PipelineName);

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await _pipeline.ExecuteAsync(async _ => await next(context), context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (ClusterResilience.IsTransient(e))
        {
            throw new ClusterUnavailableException(e);
        }
    }
}
