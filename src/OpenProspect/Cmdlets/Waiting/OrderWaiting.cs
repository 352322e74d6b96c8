using System;
using System.Collections.Generic;
using System.Management.Automation;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Errors;

namespace OpenProspect.Cmdlets.Waiting;

/// <summary>
/// Waiting for orders, shared by Wait-OPOrder and New-OPOrder -Wait: a COMPLETED order goes to the pipeline;
/// REJECTED, FAILED and CANCELLED become errors carrying the order; an order still running at the timeout is an
/// OperationTimeout error carrying its last known state.
/// </summary>
internal static class OrderWaiting
{
    public static void Wait(OpenProspectCmdlet cmdlet, IEnumerable<Order> orders, PollSettings settings, Action<Order> emit, bool refreshFirst = true) =>
        StatusPoller.WaitForAll(cmdlet, orders,
            (o, ct) => cmdlet.ClientForPolling.GetOrderAsync(o.Id, ct),
            o => o.IsTerminal, o => o.Status, o => o.Status == "UNKNOWN" ? o.Id : o, settings, "Waiting for OpenProspect orders",
            onFinished: o =>
            {
                if (o.Status == "COMPLETED") emit(o);
                else cmdlet.WriteError(Unsuccessful(o));
            },
            onTimedOut: o => cmdlet.WriteError(ErrorRecords.Create("WaitTimeout", ErrorCategory.OperationTimeout,
                $"Order {o.Id} was still {o.Status} after {settings.Timeout.TotalSeconds:0} s of waiting. The order goes on; only the waiting stopped.", o,
                $"Wait again later: Wait-OPOrder -Id {o.Id} (use -TimeoutSec for a longer wait).")),
            refreshFirst);

    private static ErrorRecord Unsuccessful(Order o)
    {
        var reason = string.IsNullOrWhiteSpace(o.Message) ? "" : $": {o.Message}";
        return o.Status switch
        {
            "REJECTED" => ErrorRecords.Create("OrderRejected", ErrorCategory.OperationStopped, $"Order {o.Id} was rejected{reason}", o,
                "Read the order's Message, adjust the order (companies, profile, quantity) and place a new one."),
            "FAILED" => ErrorRecords.Create("OrderFailed", ErrorCategory.OperationStopped, $"Order {o.Id} failed{reason}", o,
                $"Contact OpenProspect support with the order id {o.Id}."),
            _ => ErrorRecords.Create("OrderCancelled", ErrorCategory.OperationStopped, $"Order {o.Id} was cancelled{reason}", o,
                "The order will not deliver results; place a new order if you still need them."),
        };
    }

    public static PollSettings Settings(int timeoutSec, double pollIntervalSec, double maxPollIntervalSec) =>
        new(TimeSpan.FromSeconds(pollIntervalSec), TimeSpan.FromSeconds(Math.Max(pollIntervalSec, maxPollIntervalSec)), TimeSpan.FromSeconds(timeoutSec));
}
