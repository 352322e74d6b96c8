using System;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Security;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Session;

namespace OpenProspect.Cmdlets.Session;

/// <summary>
/// Reads the API key through Microsoft.PowerShell.SecretManagement's Get-Secret, called by name at run time:
/// the module does not depend on SecretManagement, and any vault extension the user registered works.
/// </summary>
internal static class SecretReader
{
    public static SecureString Read(PSCmdlet cmdlet, string name, string? vault)
    {
        var where = string.IsNullOrEmpty(vault) ? $"secret '{name}'" : $"secret '{name}' in vault '{vault}'";
        var command = cmdlet.InvokeCommand.GetCommand("Get-Secret", CommandTypes.Cmdlet | CommandTypes.Function | CommandTypes.Alias);
        if (command is null)
            cmdlet.ThrowTerminatingError(ErrorRecords.Create("SecretManagementMissing", ErrorCategory.NotInstalled,
                $"Cannot read the {where}: Get-Secret is not available because Microsoft.PowerShell.SecretManagement is not installed.", name,
                "Install-PSResource Microsoft.PowerShell.SecretManagement, Microsoft.PowerShell.SecretStore; register a vault; then Set-Secret -Name " + name + ". See Get-Help about_OpenProspect_Authentication."));

        Collection<PSObject> result = null!;
        ErrorRecord? failure = null;
        // A nested pipeline in the caller's runspace: the user's vault registration and module state apply.
        using (var ps = PowerShell.Create(RunspaceMode.CurrentRunspace))
        {
            // By name, not by CommandInfo: a script-module Get-Secret must run inside its own module scope.
            // ErrorAction Continue: "not found" arrives as an error record even when the caller's preference is Stop.
            ps.AddCommand("Get-Secret").AddParameter("Name", name).AddParameter("ErrorAction", ActionPreference.Continue);
            if (!string.IsNullOrEmpty(vault)) ps.AddParameter("Vault", vault);
            try
            {
                result = ps.Invoke();
                if (ps.HadErrors && ps.Streams.Error.Count > 0) failure = ps.Streams.Error[0];
            }
            catch (RuntimeException ex)
            {
                failure = ex.ErrorRecord ?? new ErrorRecord(ex, "GetSecretFailed", ErrorCategory.ReadError, name);
            }
        }
        if (failure is not null)
        {
            bool notFound = failure.FullyQualifiedErrorId.StartsWith("GetSecretNotFound", StringComparison.OrdinalIgnoreCase)
                || failure.Exception is ItemNotFoundException;
            cmdlet.ThrowTerminatingError(ErrorRecords.Create(notFound ? "SecretNotFound" : "SecretReadFailed",
                notFound ? ErrorCategory.ObjectNotFound : ErrorCategory.ReadError,
                notFound ? $"The {where} was not found." : $"Could not read the {where}: {failure.Exception.Message}", name,
                notFound ? $"Store the key first: Set-Secret -Name {name} -Secret (Read-Host -AsSecureString 'OpenProspect API key')" + (string.IsNullOrEmpty(vault) ? "" : $" -Vault {vault}")
                         : "Check that the vault is registered and unlocked (Get-SecretVault, Unlock-SecretStore).",
                failure.Exception));
        }

        object? value = result.Count > 0 ? result[0]?.BaseObject : null;
        switch (value)
        {
            case SecureString s:
                return s;
            case PSCredential c:
                return c.Password;
            case string plain:
                return ApiKeyRules.ToSecureString(plain);
            default:
                cmdlet.ThrowTerminatingError(ErrorRecords.Create("SecretTypeNotSupported", ErrorCategory.InvalidType,
                    $"The {where} holds a {(value is null ? "null value" : value.GetType().Name)}; store the API key as a string, SecureString or PSCredential (password = key).", name));
                return null!;
        }
    }
}
