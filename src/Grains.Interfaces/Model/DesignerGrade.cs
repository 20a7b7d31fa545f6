namespace Orleans.Crm.Grains.Model;

/// <summary>
/// A designer's quarterly grade (季度级别评定, DOMAIN §8): it decides who may take a customer who asks for an
/// excellent-grade designer or above (客户需优秀级以上设计师), and the design fee rate. Not the same as the A6 post.
/// </summary>
[GenerateSerializer, Alias("crm.DesignerGrade")]
public enum DesignerGrade
{
    Ordinary,
    Excellent,
    Expert,
}
