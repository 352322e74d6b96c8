using System;
using System.Collections.Generic;
using System.Management.Automation;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Completion;
using OpenProspect.Cmdlets.Waiting;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Orders;

/// <summary>
/// Waits until orders reach a final status, polling with a growing interval. Every order from the pipeline is
/// read once and then waited for together; completed orders are written as they finish.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "OPOrder")]
[OutputType(typeof(Order))]
[RequiresScope(Scopes.OrdersRead)]
public sealed class WaitOPOrderCommand : OrderWaitingCmdlet
{
    private readonly List<Order> _orders = new();
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(OrderIdCompleter))]
    [Alias("OrderId")]
    [ValidateId]
    public string[] Id { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        // The first read tells what each order is; an unknown id is an error about that id alone.
        foreach (var id in Id)
            if (_seen.Add(id) && TryCall((c, ct) => c.GetOrderAsync(id, ct), id, out var order)) _orders.Add(order);
    }

    protected override void EndProcessing()
    {
        var done = _orders.FindAll(o => o.IsTerminal);
        foreach (var order in done) WriteFinished(order);
        WaitFor(_orders.FindAll(o => !o.IsTerminal), checkFirst: false);
    }
}
