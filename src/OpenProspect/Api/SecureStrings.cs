using System;
using System.Runtime.InteropServices;
using System.Security;

namespace OpenProspect.Api;

/// <summary>The one place a SecureString is turned into a string, for as short a time as the caller needs it.</summary>
internal static class SecureStrings
{
    public static string Reveal(SecureString value)
    {
        IntPtr ptr = IntPtr.Zero;
        try
        {
            ptr = Marshal.SecureStringToGlobalAllocUnicode(value);
            return Marshal.PtrToStringUni(ptr) ?? string.Empty;
        }
        finally
        {
            if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
        }
    }

    public static SecureString FromString(string plain)
    {
        var s = new SecureString();
        foreach (var ch in plain) s.AppendChar(ch);
        s.MakeReadOnly();
        return s;
    }
}
