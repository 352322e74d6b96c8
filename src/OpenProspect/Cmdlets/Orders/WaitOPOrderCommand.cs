using System.Collections.Generic;
using System.Management.Automation;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Cmdlets.Waiting;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Orders;

/// <summary>
/// Waits until orders reach a final status, polling with a growing interval. Every order from the pipeline is
/// waited for together; completed orders are written as they finish.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "OPOrder")]
[OutputType(typeof(Order))]
[RequiresScope(Scopes.OrdersRead)]
public sealed class WaitOPOrderCommand : OpenProspectCmdlet
{
    private readonly List<Order> _orders = new();
    private readonly HashSet<string> _seen = new(System.StringComparer.OrdinalIgnoreCase);

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("OrderId")]
    [ValidateId]
    public string[] Id { get; set; } = System.Array.Empty<string>();

    [Parameter]
    [ValidateRange(1, 7 * 24 * 3600)]
    public int TimeoutSec { get; set; } = 3600;

    [Parameter]
    [ValidateRange(0.1, 3600)]
    public double PollIntervalSec { get; set; } = 10;

    [Parameter]
    [ValidateRange(0.1, 3600)]
    public double MaxPollIntervalSec { get; set; } = 300;

    protected override void ProcessRecord()
    {
        foreach (var id in Id)
            if (_seen.Add(id)) _orders.Add(new Order { Id = id, Status = "UNKNOWN" });
    }

    protected override void EndProcessing() =>
        OrderWaiting.Wait(this, _orders, OrderWaiting.Settings(TimeoutSec, PollIntervalSec, MaxPollIntervalSec), WriteItem);
}
