using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenProspect.Api;
using OpenProspect.Cmdlets.Base;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Companies;

/// <summary>Lists a company's job postings, or with -Summary its hiring activity in numbers.</summary>
[Cmdlet(VerbsCommon.Get, "OPCompanyJob", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(CompanyJob), ParameterSetName = new[] { ListSet })]
[OutputType(typeof(CompanyJobSummary), ParameterSetName = new[] { SummarySet })]
[RequiresScope(Scopes.CompaniesRead)]
public sealed class GetOPCompanyJobCommand : CompanyDetailCmdlet<CompanyJob, CompanyJobSummary>
{
    private protected override Task<ListEnvelope<CompanyJob>> ListAsync(OpenProspectClient client, string companyId, long offset, int limit, CancellationToken ct) =>
        client.ListCompanyJobsAsync(companyId, offset, limit, ct);

    private protected override Task<CompanyJobSummary> SummaryAsync(OpenProspectClient client, string companyId, CancellationToken ct) =>
        client.GetCompanyJobSummaryAsync(companyId, ct);
}
