namespace Orleans.Crm.Tests.Board;

/// <summary>The hub answered an invocation (or the handshake) with an error.</summary>
public sealed class HubInvocationException(string message) : Exception(message);
