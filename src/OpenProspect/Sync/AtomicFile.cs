using System;
using System.IO;

namespace OpenProspect.Sync;

/// <summary>
/// Whole-file replacement for the sync's state and output files: the new content is written to a temporary file in
/// the target's folder (a rename is atomic only within one file system), flushed to disk, then renamed over the
/// target. A crash at any point leaves either the old file or the new one, never half of one.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Moves a complete, flushed temporary file over the target (replacing it when it exists).</summary>
    public static void MoveOver(string temp, string target)
    {
        if (File.Exists(target)) File.Replace(temp, target, null);
        else File.Move(temp, target);
    }

    /// <summary>Writes the target through a temporary file; the temporary file never outlives the call.</summary>
    public static void Write(string target, Action<Stream> write)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(target))!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, TempPrefix(target) + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(true);
            }
            MoveOver(temp, target);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Removes temporary files of <see cref="Write"/> left by a process that was killed mid-write.</summary>
    public static void RemoveStaleTemps(string target)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(target))!;
        if (!Directory.Exists(folder)) return;
        foreach (var stale in Directory.GetFiles(folder, TempPrefix(target) + "*.tmp"))
            TryDelete(stale);
    }

    internal static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* best effort: the next run tries again */ }
    }

    private static string TempPrefix(string target) => "." + Path.GetFileName(target) + ".";
}
