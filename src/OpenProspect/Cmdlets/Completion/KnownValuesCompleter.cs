using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Completion;

/// <summary>Completes a parameter from a fixed list of values, matching what was typed so far.</summary>
internal abstract class KnownValuesCompleter : IArgumentCompleter
{
    protected abstract IEnumerable<string> Values { get; }

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? "").Trim('\'', '"');
        return Values.Where(v => v.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
    }
}

/// <summary>Completes scope names such as blacklists:write.</summary>
internal sealed class ScopeCompleter : KnownValuesCompleter
{
    protected override IEnumerable<string> Values => Scopes.All;
}

/// <summary>
/// Suggests order features. COMPANY_DATA, CONTACTS and TECHNOLOGIES are the ones the docs show; LEGAL_DATA and
/// MATCH_SCORING are read off the docs' list of result contents. The full list is not documented, so any string
/// is sent as it is and the server decides.
/// </summary>
internal sealed class OrderFeatureCompleter : KnownValuesCompleter
{
    protected override IEnumerable<string> Values { get; } = new[] { "COMPANY_DATA", "CONTACTS", "TECHNOLOGIES", "LEGAL_DATA", "MATCH_SCORING" };
}
