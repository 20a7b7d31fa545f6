using System.ComponentModel.DataAnnotations;
using Orleans.Crm.Gateway.Observability;
using Orleans.Crm.Grains;
using Polly;
using Polly.Retry;

namespace Orleans.Crm.Gateway.Api;

/// <summary>The retry budget of gateway → cluster calls (configuration section <c>Resilience</c>).</summary>
public sealed class ClusterResilience
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Resilience";

    /// <summary>The registered pipeline's name.</summary>
    public const string PipelineName = "cluster";

    /// <summary>Retries after the first attempt.</summary>
    [Range(0, 20)]
    public int Retries { get; set; } = 6;

    /// <summary>The first back-off (then doubling, with jitter).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest back-off between two attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Failures of the cluster rather than answers: everything except the rules' refusals (<see cref="CrmException"/>),
    /// access refusals, bad requests and cancellation by the caller.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception is not (CrmException or AccessDeniedException or BadHttpRequestException or OperationCanceledException { CancellationToken.IsCancellationRequested: true } or ClusterUnavailableException);

    /// <summary>Adds the retry strategy; each retry is counted (<see cref="CrmGatewayMetrics.Retried"/>).</summary>
    public void Configure(ResiliencePipelineBuilder builder, CrmGatewayMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(metrics);
        if (Retries == 0)
        {
            return;
        }

        builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = Retries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = FirstDelay,
            MaxDelay = MaxDelay,
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            OnRetry = args =>
            {
                metrics.Retried(args.Outcome.Exception);
                return default;
            },
        });
    }
}
