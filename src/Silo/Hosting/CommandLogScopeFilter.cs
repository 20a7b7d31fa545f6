using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>
/// Opens the command's logging scope around every grain call that carries a command id in Orleans's RequestContext,
/// so the silo's log lines of a command carry its id too (a gateway's scope does not reach the silo: the id crosses in
/// the message's RequestContext, and reaches nested calls the same way). Calls without one pass straight through.
/// </summary>
internal sealed class CommandLogScopeFilter(ILogger<CommandLogScope> logger) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RequestContext.Get(CommandLogScope.RequestContextKey) is string commandId
            ? InvokeInScopeAsync(context, commandId)
            : context.Invoke();
    }

    private async Task InvokeInScopeAsync(IIncomingGrainCallContext context, string commandId)
    {
        using (logger.BeginScope(new CommandLogScope(commandId)))
        {
            await context.Invoke();
        }
    }
}
