namespace Orleans.Crm.Grains.Model;

/// <summary>Set by HQ; peak season (旺季) raises the holding caps.</summary>
[GenerateSerializer, Alias("crm.Season")]
public enum Season
{
    Normal,
    Peak,
}
