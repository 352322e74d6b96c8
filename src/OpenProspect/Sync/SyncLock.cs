using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;

namespace OpenProspect.Sync;

/// <summary>
/// The exclusive lock that keeps two sync runs off one state file: an open handle with FileShare.None on
/// "&lt;state file&gt;.lock" (on Unix .NET backs that with an advisory flock, which excludes other .NET processes).
/// The operating system drops it when the process ends, however it ends, so a killed run never blocks the next
/// one. The lock file itself is left in place: deleting it on release would let two later runs lock two different
/// files of the same name.
/// </summary>
internal sealed class SyncLock : IDisposable
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(200);
    private FileStream? _handle;

    private SyncLock(string path, FileStream handle)
    {
        LockPath = path;
        _handle = handle;
    }

    public string LockPath { get; }

    public static string LockPathFor(string statePath) => statePath + ".lock";

    /// <summary>
    /// Where the holder's process id is written. The lock file holds it too (readable with cat on Unix), but a
    /// locked file cannot be opened by another .NET process on any platform, so a refused run reads this one.
    /// </summary>
    public static string OwnerPathFor(string lockPath) => lockPath + ".owner";

    /// <summary>Takes the lock, waiting up to <paramref name="timeout"/>; null when another process still holds it.</summary>
    public static SyncLock? TryAcquire(string statePath, TimeSpan timeout, CancellationToken cancel)
    {
        var path = LockPathFor(statePath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var handle = TryOpen(path);
            if (handle is not null)
            {
                var held = new SyncLock(path, handle);
                held.RecordOwner();
                return held;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) return null;
            if (cancel.WaitHandle.WaitOne(left < RetryEvery ? left : RetryEvery)) throw new OperationCanceledException(cancel);
        }
    }

    private static FileStream? TryOpen(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            return null;   // a sharing violation: someone holds it
        }
    }

    private void RecordOwner()
    {
        var text = Encoding.UTF8.GetBytes(Process.GetCurrentProcess().Id.ToString(CultureInfo.InvariantCulture) + "\n");
        try
        {
            _handle!.SetLength(0);
            _handle.Write(text, 0, text.Length);
            _handle.Flush(true);
            File.WriteAllBytes(OwnerPathFor(LockPath), text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only the message of a refused run loses the process id; the lock itself holds.
        }
    }

    /// <summary>The process id the holder recorded, when it can be read and that process is still running.</summary>
    public static int? ReadOwner(string lockPath)
    {
        try
        {
            var text = File.ReadAllText(OwnerPathFor(lockPath)).Trim();
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return null;
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : pid;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, null);
        if (handle is null) return;
        // The owner file is not removed: a run that takes the lock right after this writes its own id over it.
        handle.Dispose();
    }
}
