using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Parquet;
using Parquet.Schema;

namespace CallRecords.Engine.Lake;

/// <summary>One column of a row type in its Parquet files: the schema field, and how a row group's values are written.</summary>
internal abstract class LakeColumn
{
    /// <summary>Gets the column's top-level field in the file's schema.</summary>
    public abstract Field Field { get; }

    /// <summary>Writes the column of <paramref name="rows"/> as the next column chunk of <paramref name="rowGroup"/>.</summary>
    public abstract Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<object> rows, CancellationToken cancellationToken);
}
