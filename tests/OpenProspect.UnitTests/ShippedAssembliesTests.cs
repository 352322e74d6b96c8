using System;
using System.IO;
using System.Reflection;
using OpenProspect.Hosting;
using Xunit;

namespace OpenProspect.UnitTests;

/// <summary>The .NET Framework resolver answers for shipped files only, at any version, and for nothing else.</summary>
public sealed class ShippedAssembliesTests : IDisposable
{
    // xunit.core is strong-named (token 8d05b1bb7a6fdb6c), so it stands in for a shipped signed dependency.
    private const string Token = "8d05b1bb7a6fdb6c";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "op-unit-" + Guid.NewGuid().ToString("N"));
    private readonly ShippedAssemblies _shipped;

    public ShippedAssembliesTests()
    {
        Directory.CreateDirectory(_folder);
        File.Copy(typeof(FactAttribute).Assembly.Location, Path.Combine(_folder, "xunit.core.dll"));
        File.Copy(typeof(ShippedAssemblies).Assembly.Location, Path.Combine(_folder, "OpenProspect.dll"));
        File.WriteAllText(Path.Combine(_folder, "NotAnAssembly.dll"), "this is not a PE file");
        _shipped = new ShippedAssemblies(_folder);
    }

    public void Dispose() => Directory.Delete(_folder, true);

    [Theory]
    [InlineData("xunit.core, Version=1.0.0.0, Culture=neutral, PublicKeyToken=" + Token)]
    [InlineData("xunit.core, Version=99.9.9.9, Culture=neutral, PublicKeyToken=" + Token)]
    [InlineData("XUNIT.CORE, Version=2.9.3.0, PublicKeyToken=" + Token)]
    [InlineData("xunit.core")]
    [InlineData("OpenProspect, Version=0.0.1.0, Culture=neutral, PublicKeyToken=null")]
    public void Resolves_a_shipped_name_whatever_version_it_asks_for(string requested)
    {
        var path = _shipped.Resolve(new AssemblyName(requested));
        Assert.NotNull(path);
        Assert.Equal(Path.GetFileNameWithoutExtension(path), new AssemblyName(requested).Name, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(_folder, Path.GetDirectoryName(path));
    }

    [Theory]
    [InlineData("System.Memory, Version=4.0.1.2, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
    [InlineData("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed")]
    [InlineData("xunit.assert, Version=2.9.3.0, Culture=neutral, PublicKeyToken=" + Token)]
    public void Ignores_names_that_are_not_shipped(string requested) =>
        Assert.Null(_shipped.Resolve(new AssemblyName(requested)));

    [Theory]
    [InlineData("mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089")]
    [InlineData("System, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089")]
    [InlineData("System.Core, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089")]
    [InlineData("netstandard, Version=2.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
    [InlineData("System.Runtime, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a")]
    [InlineData("System.Management.Automation, Version=3.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35")]
    public void Ignores_framework_and_host_assemblies(string requested) =>
        Assert.Null(_shipped.Resolve(new AssemblyName(requested)));

    [Fact]
    public void Ignores_a_shipped_name_with_another_public_key() =>
        Assert.Null(_shipped.Resolve(new AssemblyName("xunit.core, Version=2.9.3.0, Culture=neutral, PublicKeyToken=b77a5c561934e089")));

    [Theory]
    [InlineData("xunit.core, Version=2.9.3.0, Culture=de, PublicKeyToken=" + Token)]
    [InlineData("xunit.core.resources, Version=2.9.3.0, Culture=de, PublicKeyToken=" + Token)]
    public void Ignores_satellite_resource_requests(string requested) =>
        Assert.Null(_shipped.Resolve(new AssemblyName(requested)));

    [Fact]
    public void Never_answers_with_a_file_that_is_not_an_assembly() =>
        Assert.Null(_shipped.Resolve(new AssemblyName("NotAnAssembly")));

    [Fact]
    public void A_missing_folder_ships_nothing() =>
        Assert.Null(new ShippedAssemblies(Path.Combine(_folder, "missing")).Resolve(new AssemblyName("xunit.core")));

    [Theory]
    [InlineData(".NET Framework 4.8.9290.0", true)]
    [InlineData(".NET Framework 4.6.2", true)]
    [InlineData(".NET 10.0.12", false)]
    [InlineData(".NET Core 3.1.32", false)]
    [InlineData("Mono 6.12.0", false)]
    public void Only_dotnet_framework_needs_the_resolver(string description, bool expected) =>
        Assert.Equal(expected, ShippedAssemblies.IsNetFramework(description));
}
