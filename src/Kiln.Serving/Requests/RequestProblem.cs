using Microsoft.AspNetCore.Http;

namespace Kiln.Serving.Requests;

/// <summary>A request the server refuses: becomes an RFC 9457 problem+json answer with a 4xx status, the field and the row.</summary>
internal sealed class RequestProblem : Exception
{
    public RequestProblem(int status, string title, string detail, string? field = null, int? row = null)
        : base(detail)
    {
        Status = status;
        Title = title;
        Field = field;
        Row = row;
    }

    public RequestProblem()
    {
        Status = StatusCodes.Status400BadRequest;
        Title = BadInput;
    }

    public RequestProblem(string message)
        : base(message)
    {
        Status = StatusCodes.Status400BadRequest;
        Title = BadInput;
    }

    public RequestProblem(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusCodes.Status400BadRequest;
        Title = BadInput;
    }

    public const string BadInput = "The request's input is not valid";

    /// <summary>The HTTP status (4xx).</summary>
    public int Status { get; }

    /// <summary>The problem's short, fixed title.</summary>
    public string Title { get; }

    /// <summary>The field (column, tensor or JSON member) at fault, when there is one.</summary>
    public string? Field { get; }

    /// <summary>The 0-based row at fault, when there is one.</summary>
    public int? Row { get; }

    /// <summary>A 400 about <paramref name="field"/> (and <paramref name="row"/>).</summary>
    public static RequestProblem Input(string detail, string? field = null, int? row = null) =>
        new(StatusCodes.Status400BadRequest, BadInput, detail, field, row);
}
