using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using OpenProspect.Api.Wire;
using OpenProspect.Cmdlets.Errors;
using OpenProspect.Sync;

namespace OpenProspect.Cmdlets.Deliveries;

/// <summary>
/// What Sync-OPDelivery and Complete-OPDeliverySync both do with the state file and its lock, with the same
/// ErrorIds and messages for both.
/// </summary>
internal static class SyncCmdlets
{
    /// <summary>Takes the state file's lock for a sync cmdlet, or stops it with SyncInProgress.</summary>
    internal static SyncLock AcquireLock(PSCmdlet cmdlet, string statePath, int timeoutSec, System.Threading.CancellationToken stop)
    {
        SyncLock? held;
        try
        {
            held = SyncLock.TryAcquire(statePath, TimeSpan.FromSeconds(timeoutSec), stop);
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.Create("SyncLockFailed", ErrorCategory.OpenError,
                $"The lock file '{SyncLock.LockPathFor(statePath)}' could not be created: {ex.Message}", statePath,
                "Make the state file's folder writable; nothing was synced.", ex));
            throw;
        }
        if (held is not null) return held;
        var lockPath = SyncLock.LockPathFor(statePath);
        var owner = SyncLock.ReadOwner(lockPath);
        var who = owner is int pid ? $"process {pid}" : "another process";
        var waited = timeoutSec > 0 ? $" after waiting {timeoutSec} s" : "";
        cmdlet.ThrowTerminatingError(ErrorRecords.Create("SyncInProgress", ErrorCategory.ResourceBusy,
            $"Another sync run on '{statePath}' is in progress: {who} holds the lock '{lockPath}'{waited}. Nothing was synced and the state was not changed.",
            lockPath,
            "Let the other run finish (a scheduled task that overran its schedule), or pass -LockTimeoutSec to wait for it. The lock ends with its process, so a killed run never blocks later ones."));
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Reads the state file for a sync cmdlet, or stops it with SyncStateCorrupt/SyncStateUnreadable.</summary>
    internal static SyncState ReadState(PSCmdlet cmdlet, string path)
    {
        try
        {
            return SyncStateFile.Read(path);
        }
        catch (InvalidDataException ex)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.Create("SyncStateCorrupt", ErrorCategory.InvalidData, ex.Message, path,
                "Restore the file from a backup, or delete it to start again with a full sync (every delivered company is emitted again).", ex));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.Create("SyncStateUnreadable", ErrorCategory.ReadError,
                $"The sync state file '{path}' could not be read: {ex.Message}", path,
                "Check the file's permissions and that no other process holds it; nothing was synced.", ex));
        }
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Replaces the state file, or stops the cmdlet with SyncStateWriteFailed ({0} path, {1} the reason).</summary>
    internal static void WriteState(PSCmdlet cmdlet, string path, SyncState state, string messageFormat, string recommendedAction)
    {
        try
        {
            SyncStateFile.Write(path, state);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.Create("SyncStateWriteFailed", ErrorCategory.WriteError,
                string.Format(CultureInfo.InvariantCulture, messageFormat, path, ex.Message), path, recommendedAction, ex));
        }
    }
}
