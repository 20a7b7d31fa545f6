namespace Orleans.Crm.Grains.Model;

/// <summary>The three designer kinds of a design group (seed 000: 1 A6, 2 style, 1 fine-finish).</summary>
[GenerateSerializer, Alias("crm.DesignerLevel")]
public enum DesignerLevel
{
    /// <summary>A6 senior designer: large flats and villas, charges a design fee.</summary>
    Senior,
    Style,
    Finish,
}
