using System;
using System.Security;
using System.Text.RegularExpressions;
using OpenProspect.Api;

namespace OpenProspect.Session;

/// <summary>
/// Checks a key's shape before it is ever sent, and derives the hint shown instead of the key.
/// Keys are <c>lnc_live_</c> or <c>lnc_test_</c> followed by base62 characters (api doc §1.3); the length is not fixed.
/// </summary>
internal static class ApiKeyRules
{
    private static readonly Regex KeyShape = new("^lnc_(live|test)_[A-Za-z0-9]+$", RegexOptions.CultureInvariant);

    /// <summary>Null when the key is usable, else a message that says what is wrong without quoting the key.</summary>
    public static string? Problem(SecureString key)
    {
        var plain = Reveal(key);
        if (plain.Length == 0) return "The API key is empty.";
        if (plain.Trim().Length == 0) return "The API key consists only of white space.";
        if (plain.Trim().Length != plain.Length)
            return "The API key has white space or a line break before or after it (often a newline read from a file or pasted from a terminal). Remove it and try again.";
        if (!KeyShape.IsMatch(plain))
            return "The API key is not in the OpenProspect format: keys start with 'lnc_live_' (production) or 'lnc_test_' (testing) followed by letters and digits. Copy the whole key from Settings > Developer > API Keys.";
        return null;
    }

    /// <summary>The prefix and the last four characters, e.g. <c>lnc_live_…x7Qa</c>: enough to tell keys apart, useless to an attacker.</summary>
    public static string Hint(SecureString key)
    {
        var plain = Reveal(key);
        var m = KeyShape.Match(plain);
        if (!m.Success) return "(not a valid key)";
        // Four characters of a short random part would give away too much of it.
        return plain.Length - 9 >= 16 ? plain.Substring(0, 9) + "…" + plain.Substring(plain.Length - 4) : plain.Substring(0, 9) + "…";
    }

    public static SecureString ToSecureString(string plain) => SecureStrings.FromString(plain);

    private static string Reveal(SecureString key) => SecureStrings.Reveal(key);
}
