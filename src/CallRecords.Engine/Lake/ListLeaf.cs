using System.Collections;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Parquet;
using Parquet.Schema;

namespace CallRecords.Engine.Lake;

/// <summary>
/// One leaf of a list column: the list's items when they are single values, or one field of each item when they are
/// objects. Parquet keeps a list as the leaf values with two levels each: the repetition level says whether a value
/// starts a row's list (0) or continues it (1); the definition level says how far down the path is present (none, an
/// empty list, a null item, a null field, a value).
/// </summary>
internal abstract class ListLeaf
{
    protected ListLeaf(DataField field) => Field = field;

    /// <summary>Gets the leaf's field in the schema.</summary>
    public DataField Field { get; }

    /// <summary>Writes this leaf of the row group's lists, one list (or null) per row.</summary>
    public abstract Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<IList?> lists, CancellationToken cancellationToken);
}
