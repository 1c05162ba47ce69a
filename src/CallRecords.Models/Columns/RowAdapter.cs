using System;
using System.Collections.ObjectModel;
using System.Management.Automation;

namespace CallRecords.Columns;

/// <summary>
/// How PowerShell sees a row type whose objects are flattened: exactly the columns of its <see cref="ColumnSet"/>,
/// in order, and its nested collections. Export-Csv, Format-Table, Select-Object and Get-Member all see the same
/// flat columns the stores keep. Registered for those types in CallRecords.Types.ps1xml; rows are read-only.
/// </summary>
public sealed class RowAdapter : PSPropertyAdapter
{
    /// <inheritdoc/>
    public override Collection<PSAdaptedProperty> GetProperties(object baseObject)
    {
        var set = ColumnSet.For(baseObject.GetType());
        var properties = new Collection<PSAdaptedProperty>();
        foreach (var column in set.Columns)
        {
            properties.Add(new PSAdaptedProperty(column.Name, column));
        }

        foreach (var nested in set.Nested)
        {
            properties.Add(new PSAdaptedProperty(nested.Name, nested));
        }

        return properties;
    }

    /// <inheritdoc/>
    public override PSAdaptedProperty? GetProperty(object baseObject, string propertyName) =>
        ColumnSet.For(baseObject.GetType()).Find(propertyName) is { } column ? new PSAdaptedProperty(column.Name, column) : null;

    /// <inheritdoc/>
    public override bool IsGettable(PSAdaptedProperty adaptedProperty) => true;

    /// <inheritdoc/>
    public override bool IsSettable(PSAdaptedProperty adaptedProperty) => false;

    /// <inheritdoc/>
    public override object? GetPropertyValue(PSAdaptedProperty adaptedProperty) =>
        ((Column)adaptedProperty.Tag).ValueOf(adaptedProperty.BaseObject);

    /// <inheritdoc/>
    public override void SetPropertyValue(PSAdaptedProperty adaptedProperty, object value) =>
        throw new NotSupportedException($"{adaptedProperty.Name} is read-only: rows are what Graph returned.");

    /// <inheritdoc/>
    public override string GetPropertyTypeName(PSAdaptedProperty adaptedProperty) =>
        ((Column)adaptedProperty.Tag).DeclaredType.FullName ?? adaptedProperty.Name;
}
