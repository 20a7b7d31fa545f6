namespace Orleans.Crm.Gateway.Api;

/// <summary>The cluster kept failing a request within the retry budget (answered 503: retry with the same command id).</summary>
public sealed class ClusterUnavailableException(Exception innerException)
    : Exception("The cluster did not complete the request; it may or may not have taken effect. Retry with the same command id.", innerException);
