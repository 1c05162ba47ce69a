using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Parquet;
using Parquet.Schema;

namespace CallRecords.Engine.Lake;

/// <summary>
/// A list column (ValueList): a Parquet LIST of strings for items that are single values (Modalities, administrative
/// unit ids), or a LIST of STRUCT for items that are objects (PoorReasons, TraceRouteHops), one struct field per
/// public property of the item, so a reader can filter on a rule or a hop's round trip without parsing text.
/// </summary>
internal sealed class ListColumn : LakeColumn
{
    private readonly Func<object, object?> _read;
    private readonly Func<IReadOnlyList<ListLeaf>> _makeLeaves;
    private readonly List<IList?> _lists = new();
    private IReadOnlyList<ListLeaf>? _leaves;

    public ListColumn(string name, Type itemType, Func<object, object?> read)
    {
        _read = read;
        if (LakeValue.IsScalar(itemType))
        {
            var item = LakeValue.FieldFor(ListField.ElementName, itemType);
            Field = new ListField(name, item);
            _makeLeaves = () => new[] { LakeValue.LeafFor(item, itemType, value => value, isStructMember: false) };
        }
        else
        {
            var properties = ItemProperties(itemType);
            var fields = properties.Select(p => LakeValue.FieldFor(p.Name, TypeOf(p))).ToArray();
            Field = new ListField(name, new StructField(ListField.ElementName, fields));
            _makeLeaves = () => properties.Select((p, i) => LakeValue.LeafFor(fields[i], TypeOf(p), p.GetValue, isStructMember: true)).ToArray();
        }
    }

    public override Field Field { get; }

    public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            _lists.Add(_read(row) as IList);
        }

        // The leaves read their levels from their fields, which the table's schema sets once it holds this column.
        _leaves ??= _makeLeaves();
        try
        {
            foreach (var leaf in _leaves)
            {
                await leaf.WriteAsync(rowGroup, _lists, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _lists.Clear();
        }
    }

    /// <summary>The public properties of an item type that hold single values, in declaration order.</summary>
    public static IReadOnlyList<PropertyInfo> ItemProperties(Type itemType)
    {
        var properties = itemType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null)
            .OrderBy(p => p.MetadataToken)
            .ToList();
        var unfit = properties.FirstOrDefault(p => !LakeValue.IsScalar(TypeOf(p)));
        if (unfit is not null)
        {
            // A list of objects that hold objects has no flat struct; such a column is a mistake in the row type.
            throw new InvalidOperationException($"{itemType.Name}.{unfit.Name} is a {unfit.PropertyType.Name}, which a Parquet list of {itemType.Name} cannot hold.");
        }

        return properties;
    }

    private static Type TypeOf(PropertyInfo property) => Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
}
