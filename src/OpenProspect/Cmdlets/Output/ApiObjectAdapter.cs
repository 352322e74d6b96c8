using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace OpenProspect.Cmdlets.Output;

/// <summary>
/// How PowerShell sees every API object: the model's own properties in their order, then the fields the server sent
/// that the model does not know, named and converted as <see cref="PSOutput.ExtraFields"/> does.
/// Registered for each model in OpenProspect.types.ps1xml. An adapter rather than note properties on each object:
/// it costs nothing per object written (work happens only when a property is read), and PowerShell lists note
/// properties before a type's own ones, so notes would put an unknown field first and shift every CSV column.
/// </summary>
public sealed class ApiObjectAdapter : PSPropertyAdapter
{
    private sealed class ModelShape
    {
        public ModelShape(Type type)
        {
            Ordered = Array.FindAll(type.GetProperties(BindingFlags.Public | BindingFlags.Instance),
                p => p.CanRead && p.GetIndexParameters().Length == 0);
            foreach (var p in Ordered) ByName[p.Name] = p;
        }

        public PropertyInfo[] Ordered { get; }

        public Dictionary<string, PropertyInfo> ByName { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>An unknown field once converted, so a nested object read twice is the same object (and edits stick).</summary>
    private sealed class ExtraField
    {
        public ExtraField(string name, object? value) { Name = name; Value = value; }

        public string Name { get; }

        public object? Value { get; set; }
    }

    private static readonly ConcurrentDictionary<Type, ModelShape> Shapes = new();

    private static readonly ConditionalWeakTable<ApiObject, List<ExtraField>> Converted = new();

    private static ModelShape ShapeOf(object o) => Shapes.GetOrAdd(o.GetType(), static t => new ModelShape(t));

    private static List<ExtraField> ExtrasOf(object o) => o is ApiObject api
        ? Converted.GetValue(api, static a => PSOutput.ExtraFields(a).Select(f => new ExtraField(f.Name, f.Value)).ToList())
        : new List<ExtraField>();

    public override Collection<PSAdaptedProperty> GetProperties(object baseObject)
    {
        var all = new Collection<PSAdaptedProperty>();
        foreach (var p in ShapeOf(baseObject).Ordered) all.Add(new PSAdaptedProperty(p.Name, p));
        foreach (var extra in ExtrasOf(baseObject)) all.Add(new PSAdaptedProperty(extra.Name, extra));
        return all;
    }

    public override PSAdaptedProperty? GetProperty(object baseObject, string propertyName)
    {
        if (ShapeOf(baseObject).ByName.TryGetValue(propertyName, out var p)) return new PSAdaptedProperty(p.Name, p);
        var extra = ExtrasOf(baseObject).Find(e => string.Equals(e.Name, propertyName, StringComparison.OrdinalIgnoreCase));
        return extra is null ? null : new PSAdaptedProperty(extra.Name, extra);
    }

    public override object? GetPropertyValue(PSAdaptedProperty adaptedProperty) => adaptedProperty.Tag switch
    {
        PropertyInfo p => p.GetValue(adaptedProperty.BaseObject),
        ExtraField e => e.Value,
        _ => null,
    };

    public override void SetPropertyValue(PSAdaptedProperty adaptedProperty, object value)
    {
        switch (adaptedProperty.Tag)
        {
            case PropertyInfo p:
                // As PowerShell does for .NET properties: '5' into an int? property is converted, not refused.
                p.SetValue(adaptedProperty.BaseObject, LanguagePrimitives.ConvertTo(value, p.PropertyType, CultureInfo.InvariantCulture));
                break;
            case ExtraField e:
                e.Value = value;
                break;
        }
    }

    public override bool IsSettable(PSAdaptedProperty adaptedProperty) =>
        adaptedProperty.Tag is ExtraField || adaptedProperty.Tag is PropertyInfo { SetMethod.IsPublic: true };

    public override bool IsGettable(PSAdaptedProperty adaptedProperty) => true;

    public override string GetPropertyTypeName(PSAdaptedProperty adaptedProperty) => adaptedProperty.Tag switch
    {
        PropertyInfo p => TypeName(p.PropertyType),
        ExtraField { Value: { } v } => TypeName(v.GetType()),
        _ => typeof(object).FullName!,
    };

    /// <summary>Get-Member's spelling: System.Nullable[int] rather than the CLR's System.Nullable`1[[System.Int32, ...]].</summary>
    private static string TypeName(Type t)
    {
        if (!t.IsGenericType) return t.FullName ?? t.Name;
        var name = t.GetGenericTypeDefinition().FullName ?? t.Name;
        return name.Substring(0, name.IndexOf('`')) + "[" + string.Join(",", t.GetGenericArguments().Select(TypeName)) + "]";
    }
}
