using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Parquet;
using Parquet.Schema;

namespace CallRecords.Engine.Lake;

/// <summary>A list leaf of values of <typeparamref name="T"/>; its buffers are kept between row groups.</summary>
internal sealed class ListLeaf<T> : ListLeaf
    where T : struct
{
    private const int NullList = 0;
    private const int EmptyList = 1;
    private readonly Func<object, object?> _read;
    private readonly Func<object, T> _convert;
    private readonly int _present;
    private readonly int _nullValue;
    private readonly int _nullItem;
    private readonly List<T> _values = new();
    private readonly List<int> _definitions = new();
    private readonly List<int> _repetitions = new();

    /// <param name="field">The leaf's field, from the schema the list field belongs to (its levels are known there).</param>
    /// <param name="read">Reads the leaf's value from an item: the item itself, or one of its properties.</param>
    /// <param name="convert">Turns a value into what the file keeps.</param>
    /// <param name="isStructMember">Whether items are objects, so that an item and its field can be null apart.</param>
    public ListLeaf(DataField field, Func<object, object?> read, Func<object, T> convert, bool isStructMember)
        : base(field)
    {
        _read = read;
        _convert = convert;
        _present = field.MaxDefinitionLevel;
        _nullValue = _present - 1;
        _nullItem = isStructMember ? _present - 2 : _nullValue;
    }

    public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<IList?> lists, CancellationToken cancellationToken)
    {
        foreach (var list in lists)
        {
            if (list is null || list.Count == 0)
            {
                _definitions.Add(list is null ? NullList : EmptyList);
                _repetitions.Add(0);
                continue;
            }

            for (var i = 0; i < list.Count; i++)
            {
                _repetitions.Add(i == 0 ? 0 : 1);
                if (list[i] is not { } item)
                {
                    _definitions.Add(_nullItem);
                }
                else if (_read(item) is { } value)
                {
                    _definitions.Add(_present);
                    _values.Add(_convert(value));
                }
                else
                {
                    _definitions.Add(_nullValue);
                }
            }
        }

        var values = _values.ToArray();
        var definitions = _definitions.ToArray();
        var repetitions = _repetitions.ToArray();
        _values.Clear();
        _definitions.Clear();
        _repetitions.Clear();
        await rowGroup.WriteAllPartsAsync<T>(Field, values, definitions, repetitions, cancellationToken).ConfigureAwait(false);
    }
}
