using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Companies;

/// <summary>Lists the technologies seen on a company's website, or with -Summary its technology stack in numbers.</summary>
[Cmdlet(VerbsCommon.Get, "OPCompanyTechnology", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(CompanyTechnology), ParameterSetName = new[] { ListSet })]
[OutputType(typeof(CompanyTechnologySummary), ParameterSetName = new[] { SummarySet })]
[RequiresScope(Scopes.CompaniesRead)]
public sealed class GetOPCompanyTechnologyCommand : CompanyDetailCmdlet<CompanyTechnology, CompanyTechnologySummary>
{
    private protected override Task<ListEnvelope<CompanyTechnology>> ListAsync(OpenProspectClient client, string companyId, long offset, int limit, CancellationToken ct) =>
        client.ListCompanyTechnologiesAsync(companyId, offset, limit, ct);

    private protected override Task<CompanyTechnologySummary> SummaryAsync(OpenProspectClient client, string companyId, CancellationToken ct) =>
        client.GetCompanyTechnologySummaryAsync(companyId, ct);
}
