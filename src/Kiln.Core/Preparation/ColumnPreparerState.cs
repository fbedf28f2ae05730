namespace Kiln.Core.Preparation;

// The options of a ColumnPreparerModel as its bundle stores them; every field is required except CategoricalEncoding, which
// bundles written before it existed lack (they one-hot encode).
internal sealed record ColumnPreparerState(
    string NumericImputation,
    double NumericFillValue,
    string Scaling,
    string CategoricalImputation,
    string MissingCategory,
    string HandleUnknown,
    string? CategoricalEncoding = null);
