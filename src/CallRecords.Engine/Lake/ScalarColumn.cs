using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Parquet;
using Parquet.Schema;

namespace CallRecords.Engine.Lake;

/// <summary>A column of single values, null where the row has none; the buffer is kept between row groups.</summary>
internal sealed class ScalarColumn<T> : LakeColumn
    where T : struct
{
    private readonly DataField _field;
    private readonly Func<object, object?> _read;
    private readonly Func<object, T> _convert;
    private T?[] _values = Array.Empty<T?>();

    public ScalarColumn(DataField field, Func<object, object?> read, Func<object, T> convert)
    {
        _field = field;
        _read = read;
        _convert = convert;
    }

    public override Field Field => _field;

    public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        if (_values.Length < rows.Count)
        {
            _values = new T?[rows.Count];
        }

        for (var i = 0; i < rows.Count; i++)
        {
            _values[i] = _read(rows[i]) is { } value ? _convert(value) : null;
        }

        await rowGroup.WriteAsync<T>(_field, _values.AsMemory(0, rows.Count), null, null, cancellationToken).ConfigureAwait(false);

        // Text columns hold the rows' strings; let them go with the rows.
        Array.Clear(_values, 0, rows.Count);
    }
}
