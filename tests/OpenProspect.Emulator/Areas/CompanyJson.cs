using OpenProspect.Emulator.Infrastructure;
using OpenProspect.Emulator.State;

namespace OpenProspect.Emulator.Areas;

/// <summary>The API shapes of generated companies, prospects, jobs and technologies, and the ENTITY_NOT_FOUND error.</summary>
public static class CompanyJson
{
    /// <summary>
    /// 404 ENTITY_NOT_FOUND with top-level <c>entity_type</c> and <c>identifier</c> (the gen-B shape, api doc #17),
    /// for unknown companies and prospects and for another organization's.
    /// </summary>
    public static IResult EntityNotFound(string entityType, Guid identifier)
    {
        var label = char.ToUpperInvariant(entityType[0]) + entityType[1..];
        return Json.Ok(new Dictionary<string, object?>
        {
            ["code"] = "ENTITY_NOT_FOUND",
            ["message"] = $"{label} with identifier {identifier} not found",
            ["entity_type"] = entityType,
            ["identifier"] = identifier.ToString(),
        }, StatusCodes.Status404NotFound);
    }

    /// <summary>A list item of GET /companies (employee_range is a field the module's model does not know, on purpose).</summary>
    public static Dictionary<string, object?> Item(GeneratedCompany c) => new()
    {
        ["id"] = c.Id,
        ["prospect_search_id"] = c.Search.Id,
        ["name"] = c.Name,
        ["city"] = c.City,
        ["country"] = c.Country,
        ["business_type"] = c.BusinessType,
        ["website"] = c.Website,
        ["match_score"] = c.MatchScore,
        ["review_status"] = c.ReviewStatus,
        ["employee_range"] = c.EmployeeRange,
        ["created_at"] = c.CreatedAt,
        ["delivered_at"] = c.DeliveredAt,
    };

    /// <summary>A delivery item: the list item plus its prospects.</summary>
    public static Dictionary<string, object?> WithProspects(GeneratedCompany c, CompanyGenerator generator)
    {
        var item = Item(c);
        item["prospects"] = generator.Prospects(c).Select(Prospect).ToArray();
        return item;
    }

    /// <summary>GET /companies/{id}: the list item plus description and prospects.</summary>
    public static Dictionary<string, object?> Detail(GeneratedCompany c, CompanyGenerator generator)
    {
        var item = Item(c);
        item["description"] = generator.Description(c);
        item["prospects"] = generator.Prospects(c).Select(Prospect).ToArray();
        return item;
    }

    public static object Prospect(GeneratedProspect p) => new
    {
        id = p.Id,
        company_id = p.Company.Id,
        prospect_search_id = p.Company.Search.Id,
        first_name = p.FirstName,
        last_name = p.LastName,
        full_name = p.FullName,
        job_title = p.JobTitle,
        email = p.Email,
        linkedin_url = p.LinkedinUrl,
        seniority = p.Seniority,
    };

    public static object Job(GeneratedJob j) => new
    {
        id = j.Id,
        title = j.Title,
        department = j.Department,
        location = j.Location,
        seniority = j.Seniority,
        url = j.Url,
        posted_at = j.PostedAt,
    };

    public static object Technology(GeneratedTechnology t) => new
    {
        name = t.Name,
        category = t.Category,
        first_seen = t.FirstSeen,
        last_seen = t.LastSeen,
        confidence = t.Confidence,
    };

    /// <summary>The standard envelope for a page of a list that is only counted, never materialized.</summary>
    public static object Envelope(IReadOnlyList<object> items, long total, Page page) => new
    {
        items,
        total,
        limit = page.Limit,
        offset = page.Offset,
        has_more = page.Offset + (long)items.Count < total,
    };
}
