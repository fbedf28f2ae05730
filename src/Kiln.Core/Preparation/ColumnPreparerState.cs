namespace Kiln.Core.Preparation;

// The options of a ColumnPreparerModel as its bundle stores them; every field is required.
internal sealed record ColumnPreparerState(
    string NumericImputation,
    double NumericFillValue,
    string Scaling,
    string CategoricalImputation,
    string MissingCategory,
    string HandleUnknown);
