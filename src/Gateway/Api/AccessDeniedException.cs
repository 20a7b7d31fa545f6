namespace Orleans.Crm.Gateway.Api;

/// <summary>The caller is authenticated but may not touch this data (another store's, or beyond their role): 403.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
