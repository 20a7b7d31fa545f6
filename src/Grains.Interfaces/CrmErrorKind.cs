namespace Orleans.Crm.Grains;

/// <summary>The kinds of <see cref="CrmException"/> (404, 400, 409 and 403 at the API).</summary>
[GenerateSerializer, Alias("crm.CrmErrorKind")]
public enum CrmErrorKind
{
    /// <summary>An id that does not exist.</summary>
    NotFound,

    /// <summary>Input the rules cannot accept.</summary>
    Invalid,

    /// <summary>The current state does not allow the action.</summary>
    Conflict,

    /// <summary>The caller's role may not take this action (a rule that depends on the decided state, e.g. who accepts which stage): 403.</summary>
    Forbidden,
}
