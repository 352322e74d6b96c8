using System.Collections;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace OpenProspect.Cmdlets.Base;

/// <summary>
/// Refuses values that cannot be an OpenProspect id (blanks, spaces, slashes, a name typed by mistake) before
/// anything is sent. Ids are UUIDs today; older ids such as ps_abc123 are letters, digits, '-' and '_', so the
/// check accepts that shape rather than UUIDs only.
/// </summary>
internal sealed class ValidateIdAttribute : ValidateArgumentsAttribute
{
    private static readonly Regex IdShape = new("^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$", RegexOptions.CultureInvariant);

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        if (arguments is IEnumerable list and not string)
        {
            foreach (var item in list) Check(item);
        }
        else
        {
            Check(arguments);
        }
    }

    private static void Check(object? value)
    {
        var text = value is PSObject ps ? ps.BaseObject?.ToString() : value?.ToString();
        if (text is null || !IdShape.IsMatch(text))
            throw new ValidationMetadataException(
                $"'{text}' is not an OpenProspect id. Ids look like 550e8400-e29b-41d4-a716-446655440000; use the Id property of an object from a Get-OP* cmdlet.");
    }
}
