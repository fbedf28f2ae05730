using Kiln.Core.Learners;

namespace Kiln.Core.Preparation;

/// <summary>Hyperparameters of <see cref="OneHotEncoder"/> (scikit-learn's <c>OneHotEncoder</c>).</summary>
public sealed record OneHotEncoderOptions
{
    /// <summary>Encode a category not seen in training as all zeros.</summary>
    public const string Ignore = "ignore";

    /// <summary>Refuse a category not seen in training, naming the column and the value.</summary>
    public const string Error = "error";

    /// <summary>Keep a column for every category.</summary>
    public const string DropNone = "none";

    /// <summary>Drop the first category (in sorted order) of every column.</summary>
    public const string DropFirst = "first";

    /// <summary>Drop the first category of columns with exactly two categories.</summary>
    public const string DropIfBinary = "if_binary";

    /// <summary>What a category not seen in training becomes: <c>ignore</c> (all zeros) or <c>error</c>.</summary>
    /// <value>Default <c>ignore</c>, so that a model keeps scoring when new categories appear.</value>
    [Hyperparameter("handle_unknown", Choices = [Ignore, Error], Description = "What a category not seen in training becomes.")]
    public string HandleUnknown { get; init; } = Ignore;

    /// <summary>Which category columns to leave out: <c>none</c>, <c>first</c> or <c>if_binary</c>.</summary>
    /// <value>Default <c>none</c>.</value>
    [Hyperparameter("drop", Choices = [DropNone, DropFirst, DropIfBinary], Description = "Which category columns to leave out.")]
    public string Drop { get; init; } = DropNone;
}
