using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.KeyFollowUp"/> event: a lead marked key follow-up (重点追踪) or unmarked, and its status after.</summary>
public sealed record KeyFollowUpChanged(string LeadId, bool On, LeadStatus Status);
