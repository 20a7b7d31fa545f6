namespace Orleans.Crm.Gateway.Board;

/// <summary>The live board: SignalR hub, outbox tailing, wall display and console pages. (Owned by the board work.)</summary>
public static class BoardSetup
{
    /// <summary>Registers what the board needs.</summary>
    public static IServiceCollection AddCrmBoard(this IServiceCollection services) => services;

    /// <summary>Maps the hub and the pages.</summary>
    public static WebApplication MapCrmBoard(this WebApplication app) => app;
}
