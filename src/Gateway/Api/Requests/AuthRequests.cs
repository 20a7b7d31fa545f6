using System.ComponentModel.DataAnnotations;

namespace Orleans.Crm.Gateway.Api.Requests;

/// <summary>Body of <c>POST /api/auth/token</c>.</summary>
public sealed record TokenRequest(
    [property: Required, StringLength(256)] string UserId,
    [property: Required, StringLength(256)] string Password);

/// <summary>Body of <c>POST /api/auth/refresh</c> and <c>POST /api/auth/sign-out</c>.</summary>
public sealed record RefreshRequest([property: Required, StringLength(4096)] string RefreshToken);

/// <summary>Body of <c>POST /api/auth/password</c>: the current password and the new one.</summary>
public sealed record PasswordChangeRequest(
    [property: Required, StringLength(256)] string CurrentPassword,
    [property: Required, StringLength(256)] string NewPassword);
