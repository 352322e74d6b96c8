using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace OpenProspect.Hosting;

/// <summary>
/// Registers <see cref="ShippedAssemblies"/> as an AssemblyResolve handler when the module is imported into
/// Windows PowerShell 5.1 (.NET Framework) and removes it when the module is removed. On PowerShell 7 the
/// runtime's own rules already bind the shipped or newer framework assemblies, so nothing is registered there.
/// </summary>
public sealed class ModuleAssemblyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly object Gate = new();
    private static ShippedAssemblies? _shipped;

    public void OnImport()
    {
        if (!ShippedAssemblies.IsNetFramework(RuntimeInformation.FrameworkDescription)) return;
        lock (Gate)
        {
            if (_shipped is not null) return;
            _shipped = new ShippedAssemblies(Path.GetDirectoryName(typeof(ModuleAssemblyResolver).Assembly.Location)!);
            AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        lock (Gate)
        {
            if (_shipped is null) return;
            AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
            _shipped = null;
        }
    }

    private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
    {
        var shipped = _shipped;
        if (shipped is null) return null;
        AssemblyName requested;
        try
        {
            requested = new AssemblyName(args.Name);
        }
        catch (Exception ex) when (ex is ArgumentException or FileLoadException)
        {
            return null;   // not a name this module could have shipped; a handler must not throw
        }
        var path = shipped.Resolve(requested);
        return path is null ? null : Assembly.LoadFrom(path);
    }
}
