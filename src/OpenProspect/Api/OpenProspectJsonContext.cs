using System.Text.Json.Serialization;
using OpenProspect.Api;
using OpenProspect.Api.Wire;
using OpenProspect.Sync;

namespace OpenProspect.Api;

/// <summary>
/// Source-generated serialization for every wire type: no reflection at run time, snake_case on the wire,
/// nulls left out of requests so a PATCH only sends what the caller set, times without a zone read as UTC.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = new[] { typeof(UtcDateTimeOffsetConverter) })]
[JsonSerializable(typeof(KeyValidation))]
[JsonSerializable(typeof(Blacklist))]
[JsonSerializable(typeof(ListEnvelope<Blacklist>))]
[JsonSerializable(typeof(ListEnvelope<BlacklistEntry>))]
[JsonSerializable(typeof(CreateBlacklistBody))]
[JsonSerializable(typeof(UpdateBlacklistBody))]
[JsonSerializable(typeof(AddEntriesBody))]
[JsonSerializable(typeof(AddEntriesAnswer))]
[JsonSerializable(typeof(RemoveEntriesBody))]
[JsonSerializable(typeof(RemoveEntriesAnswer))]
[JsonSerializable(typeof(SetAssignmentBody))]
[JsonSerializable(typeof(SearchProfileCreation))]
[JsonSerializable(typeof(CreateSearchProfileBody))]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(ListEnvelope<Order>))]
[JsonSerializable(typeof(ListEnvelope<System.Text.Json.JsonElement>))]
[JsonSerializable(typeof(CreateOrderBody))]
[JsonSerializable(typeof(ListEnvelope<OrderResult>))]
[JsonSerializable(typeof(ProspectSearch))]
[JsonSerializable(typeof(ListEnvelope<ProspectSearch>))]
[JsonSerializable(typeof(UpdateProspectSearchBody))]
[JsonSerializable(typeof(Company))]
[JsonSerializable(typeof(ListEnvelope<Company>))]
[JsonSerializable(typeof(ListEnvelope<CompanyJob>))]
[JsonSerializable(typeof(CompanyJobSummary))]
[JsonSerializable(typeof(ListEnvelope<CompanyTechnology>))]
[JsonSerializable(typeof(CompanyTechnologySummary))]
[JsonSerializable(typeof(Prospect))]
[JsonSerializable(typeof(ListEnvelope<Prospect>))]
[JsonSerializable(typeof(SyncState))]
internal partial class OpenProspectJsonContext : JsonSerializerContext
{
}
