namespace Orleans.Crm.Grains.Rules;

/// <summary>An account manager's open work in the store.</summary>
public sealed record ManagerWork(int Leads, int Queued, int Tasks, int Designers)
{
    public bool IsEmpty => Leads == 0 && Queued == 0 && Tasks == 0 && Designers == 0;
}
