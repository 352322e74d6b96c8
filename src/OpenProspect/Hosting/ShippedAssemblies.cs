using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace OpenProspect.Hosting;

/// <summary>
/// Decides which assembly request the module answers on .NET Framework, where a module gets no binding
/// redirects: System.Text.Json 8 and its dependencies ask for versions of System.Memory, Unsafe and others that
/// differ from the files shipped beside them. A request is answered with the shipped file of the same simple name,
/// whatever version it asks for, provided the file's public key token matches the request's; anything not shipped
/// (framework assemblies, satellite resources, other modules' dependencies) is left to the runtime.
/// </summary>
internal sealed class ShippedAssemblies
{
    private readonly Dictionary<string, string> _files;
    private readonly Dictionary<string, AssemblyName?> _identities = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();

    public ShippedAssemblies(string moduleFolder)
    {
        ModuleFolder = moduleFolder;
        _files = Directory.Exists(moduleFolder)
            ? Directory.GetFiles(moduleFolder, "*.dll").ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => f, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    }

    public string ModuleFolder { get; }

    /// <summary>The simple names of the shipped dlls.</summary>
    public IEnumerable<string> Names => _files.Keys;

    /// <summary>The path of the shipped file for <paramref name="requested"/>, or null when the module does not ship it.</summary>
    public string? Resolve(AssemblyName requested)
    {
        if (requested.Name is not { Length: > 0 } name || !_files.TryGetValue(name, out var path)) return null;
        // Satellite resource assemblies are never shipped; a culture-specific request is not ours.
        if (!string.IsNullOrEmpty(requested.CultureName)) return null;
        var shipped = IdentityOf(name, path);
        if (shipped is null) return null;
        var wanted = requested.GetPublicKeyToken();
        if (wanted is { Length: > 0 } && !wanted.SequenceEqual(shipped.GetPublicKeyToken() ?? Array.Empty<byte>())) return null;
        return path;
    }

    /// <summary>True on .NET Framework (Windows PowerShell 5.1), the only runtime that needs the resolver.</summary>
    public static bool IsNetFramework(string frameworkDescription) =>
        frameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

    private AssemblyName? IdentityOf(string name, string path)
    {
        lock (_gate)
        {
            if (_identities.TryGetValue(name, out var known)) return known;
            AssemblyName? identity;
            try
            {
                identity = AssemblyName.GetAssemblyName(path);   // reads the manifest without loading the file
            }
            catch (Exception ex) when (ex is BadImageFormatException or IOException or UnauthorizedAccessException)
            {
                identity = null;   // not an assembly: never answer with it
            }
            _identities[name] = identity;
            return identity;
        }
    }
}
