namespace Orleans.Crm.Grains.Rules;

public enum ClaimRefusal
{
    None,
    AlreadyClaimed,
    CoolingDown,
    DailyLimitReached,
    OpenLimitReached,
}
