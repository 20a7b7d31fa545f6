namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// How a dispatch's explanation names people: by the names a showroom knows (李设计, 王经理), never by ids such as
/// <c>sh-xuhui-g2d2</c>. The one place the planner turns a designer or a group into words; an id stands in only when
/// no name is known (a designer of another store, a setup without names).
/// </summary>
public static class DispatchWording
{
    /// <summary>The designer's name.</summary>
    public static string Designer(DesignerSnapshot designer)
    {
        ArgumentNullException.ThrowIfNull(designer);
        return string.IsNullOrWhiteSpace(designer.Name) ? designer.DesignerId : designer.Name;
    }

    /// <summary>The group's manager's name.</summary>
    public static string Manager(DesignGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return string.IsNullOrWhiteSpace(group.ManagerName) ? group.ManagerId : group.ManagerName;
    }
}
