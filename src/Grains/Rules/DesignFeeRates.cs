using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// The design fee rate by grade (按相应比例收取设计费, DOMAIN §4), in yuan per square metre of floor area
/// (<c>Rules:DesignFee:Ordinary</c>, <c>:Excellent</c>, <c>:Expert</c>). A lead whose customer asked for a grade records
/// that grade's rate.
/// </summary>
public sealed record DesignFeeRates(decimal Ordinary = 0, decimal Excellent = 30, decimal Expert = 60)
{
    public static DesignFeeRates Default { get; } = new();

    public decimal RateOf(DesignerGrade grade) => grade switch
    {
        DesignerGrade.Expert => Expert,
        DesignerGrade.Excellent => Excellent,
        _ => Ordinary,
    };
}
