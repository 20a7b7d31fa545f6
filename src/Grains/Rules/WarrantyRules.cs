using System.Globalization;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// Free within the warranty, paid after it (DOMAIN §7, seed 004 质保期内/质保期外). The warranty runs from the project's
/// completion acceptance for <see cref="WarrantyOptions.Years"/> years (<see cref="WarrantyOptions.WaterproofingYears"/>
/// for waterproofing), counted in store-local days (DESIGN rule 8): a problem reported on the store-local anniversary
/// of the completion date is still free, the next day it is paid. The day the customer reported the problem decides,
/// not the day it is repaired (the customer must not pay for the company's scheduling).
/// </summary>
public static class WarrantyRules
{
    /// <summary>The years of warranty of a category.</summary>
    public static int YearsFor(RepairCategory category, WarrantyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return category == RepairCategory.Waterproofing ? options.WaterproofingYears : options.Years;
    }

    /// <summary>Whether a problem of <paramref name="category"/> reported at <paramref name="reportedAt"/> is free, and why.</summary>
    public static WarrantyView Decide(RepairCategory category, DateTimeOffset completedAt, DateTimeOffset reportedAt, string timeZone, WarrantyOptions options)
    {
        var years = YearsFor(category, options);
        var completionDate = StoreCalendar.LocalDate(completedAt, timeZone);
        var lastFreeDay = completionDate.AddYears(years);
        var reportedOn = StoreCalendar.LocalDate(reportedAt, timeZone);
        var free = reportedOn <= lastFreeDay;
        var which = category == RepairCategory.Waterproofing ? "waterproofing has a" : $"{Name(category)} falls under the general";
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"{Capitalized(which)} {years}-year warranty from completion acceptance on {completionDate:yyyy-MM-dd}, through {lastFreeDay:yyyy-MM-dd}; reported on {reportedOn:yyyy-MM-dd}: {(free ? "within the warranty, free" : "after the warranty, paid")}.");
        return new WarrantyView(free ? WarrantyCoverage.Free : WarrantyCoverage.Paid, category, years, completedAt, completionDate, lastFreeDay, reportedOn, reason);
    }

    private static string Name(RepairCategory category) => category.ToString().ToLowerInvariant();

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
