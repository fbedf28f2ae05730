using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Kiln.Serving;

/// <summary>The OpenAPI 3 document of the server at <c>GET /openapi/v1.json</c>: every endpoint with a name and summary, and the API-key security schemes when auth is on.</summary>
internal static class ServingOpenApi
{
    /// <summary>The path of the document.</summary>
    public const string Path = "/openapi/v1.json";

    /// <summary>The security scheme of <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public const string BearerScheme = "Bearer";

    /// <summary>The security scheme of <c>X-Api-Key: &lt;key&gt;</c>.</summary>
    public const string ApiKeyScheme = "ApiKey";

    // Operation id and summary per "METHOD route template"; endpoints not listed keep the framework's defaults.
    private static readonly Dictionary<string, (string Id, string Summary)> Operations = new(StringComparer.Ordinal)
    {
        ["POST invocations"] = ("Invocations", "Scores rows with MLflow's contract: dataframe_split, dataframe_records, instances or inputs as JSON, or CSV."),
        ["POST v2/models/{name}/infer"] = ("V2Infer", "Scores input tensors with the latest served version of a model (Open Inference Protocol v2)."),
        ["POST v2/models/{name}/versions/{version}/infer"] = ("V2InferVersion", "Scores input tensors with one version of a model (Open Inference Protocol v2)."),
        ["GET v2/models/{name}"] = ("V2ModelMetadata", "The model's versions, platform, input signature and outputs."),
        ["GET v2/models/{name}/versions/{version}"] = ("V2ModelVersionMetadata", "One version's platform, input signature and outputs."),
        ["GET v2/models/{name}/ready"] = ("V2ModelReady", "Whether the model is loaded and ready to score."),
        ["GET v2/models/{name}/versions/{version}/ready"] = ("V2ModelVersionReady", "Whether the model version is loaded and ready to score."),
        ["GET v2/health/live"] = ("V2Live", "Whether the server is live."),
        ["GET v2/health/ready"] = ("V2Ready", "Whether the server is ready to serve."),
        ["GET v2"] = ("V2Server", "The server's name, version and protocol extensions."),
    };

    /// <summary>Registers the document generator; with <paramref name="requireAuth"/> the document declares the API-key schemes and marks the guarded operations.</summary>
    public static void AddServices(IServiceCollection services, bool requireAuth)
    {
        services.AddOpenApi(options =>
        {
            options.AddOperationTransformer((operation, context, _) =>
            {
                var description = context.Description;
                if (Operations.TryGetValue($"{description.HttpMethod} {description.RelativePath}", out var known))
                {
                    operation.OperationId = known.Id;
                    operation.Summary = known.Summary;
                }
                if (requireAuth && description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] });
                }
                return Task.CompletedTask;
            });
            if (requireAuth)
            {
                options.AddDocumentTransformer((document, _, _) =>
                {
                    document.Components ??= new OpenApiComponents();
                    document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
                    document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        Description = "An API key (kiln keys create) as Authorization: Bearer <key>.",
                    };
                    document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey,
                        In = ParameterLocation.Header,
                        Name = "X-Api-Key",
                        Description = "An API key (kiln keys create) in the X-Api-Key header.",
                    };
                    return Task.CompletedTask;
                });
            }
        });
    }

    /// <summary>Maps <c>GET /openapi/v1.json</c> (open: it describes the API, it gives no access to it).</summary>
    public static void Map(IEndpointRouteBuilder app) => app.MapOpenApi();
}
