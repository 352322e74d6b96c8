using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Errors;

namespace OpenProspect.Cmdlets.Waiting;

/// <summary>
/// Waiting for orders, shared by Wait-OPOrder and New-OPOrder -Wait: a COMPLETED order goes to the pipeline;
/// REJECTED, FAILED and CANCELLED become errors carrying the order; an order still running at the timeout is an
/// OperationTimeout error carrying its last known state.
/// </summary>
public abstract class OrderWaitingCmdlet : WaitingCmdlet<Order>
{
    private protected override string WaitActivity => "Waiting for OpenProspect orders";

    private protected override Task<Order> RefreshAsync(OpenProspectClient client, Order item, CancellationToken ct) => client.GetOrderAsync(item.Id, ct);

    private protected override bool IsFinished(Order item) => item.IsTerminal;

    private protected override string StatusOf(Order item) => item.Status;

    private protected override void WriteFinished(Order o)
    {
        if (o.Status == "COMPLETED")
        {
            WriteItem(o);
            return;
        }
        var reason = string.IsNullOrWhiteSpace(o.Message) ? "" : $": {o.Message}";
        WriteError(o.Status switch
        {
            "REJECTED" => ErrorRecords.Create("OrderRejected", ErrorCategory.OperationStopped, $"Order {o.Id} was rejected{reason}", o,
                "Read the order's Message, adjust the order (companies, profile, quantity) and place a new one."),
            "FAILED" => ErrorRecords.Create("OrderFailed", ErrorCategory.OperationStopped, $"Order {o.Id} failed{reason}", o,
                $"Contact OpenProspect support with the order id {o.Id}."),
            _ => ErrorRecords.Create("OrderCancelled", ErrorCategory.OperationStopped, $"Order {o.Id} was cancelled{reason}", o,
                "The order will not deliver results; place a new order if you still need them."),
        });
    }

    private protected override ErrorRecord TimedOut(Order o, TimeSpan waited) =>
        ErrorRecords.Create("WaitTimeout", ErrorCategory.OperationTimeout,
            $"Order {o.Id} was still {o.Status} after {waited.TotalSeconds:0} s of waiting. The order goes on; only the waiting stopped.", o,
            $"Wait again later: Wait-OPOrder -Id {o.Id} (use -TimeoutSec for a longer wait).");
}
