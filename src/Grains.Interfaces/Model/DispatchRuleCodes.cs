namespace Orleans.Crm.Grains.Model;

/// <summary>The dispatch rules (DOMAIN §4) a manual override can break, as fault slips name them.</summary>
public static class DispatchRuleCodes
{
    /// <summary>A return customer goes back to their previous designer when that designer is eligible.</summary>
    public const string ReturnCustomer = "return-customer";

    /// <summary>The manager dispatches inside their own group first.</summary>
    public const string OwnGroupFirst = "own-group-first";

    /// <summary>Inside a group, by rank.</summary>
    public const string RankOrder = "rank-order";

    /// <summary>A customer who asks for a senior designer gets one.</summary>
    public const string NeedsSenior = "needs-senior";

    /// <summary>A customer who asks for an excellent-grade designer or above gets one of that grade or above.</summary>
    public const string RequestedGrade = "requested-grade";

    /// <summary>The designer refused this lead before (挑肥拣瘦): not eligible for it again.</summary>
    public const string RefusedBefore = "refused-before";
}
