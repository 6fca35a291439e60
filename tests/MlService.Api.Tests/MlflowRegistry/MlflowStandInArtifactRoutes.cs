using Microsoft.AspNetCore.Routing;
using static MlService.Api.Tests.MlflowRegistry.MlflowStandInRoutes;

namespace MlService.Api.Tests.MlflowRegistry;

/// <summary>
/// The artifacts proxy of the <see cref="MlflowStandIn"/> (<c>mlflow server --serve-artifacts</c>): files by path under
/// <c>/api/2.0/mlflow-artifacts/artifacts</c>; a listing gives one level of base names with <c>is_dir</c> and <c>file_size</c>.
/// </summary>
public static class MlflowStandInArtifactRoutes
{
    private const string ArtifactsApi = "/api/2.0/mlflow-artifacts/artifacts";

    /// <summary>The artifacts proxy: PUT uploads a file, GET of a file downloads it, GET of the root with <c>?path=</c> lists one level.</summary>
    public static void Map(WebApplication app, MlflowStandInState state)
    {
        app.MapPut($"{ArtifactsApi}/{{**path}}", async (string path, HttpRequest request) =>
        {
            using var content = new MemoryStream();
            await request.Body.CopyToAsync(content);
            state.Artifacts[path] = content.ToArray();
            return Ok(new JsonObject());
        });
        app.MapGet($"{ArtifactsApi}/{{**path}}", (string path) =>
            state.Artifacts.TryGetValue(path, out var bytes) ? Results.Bytes(bytes, "application/octet-stream")
                : Error(404, "RESOURCE_DOES_NOT_EXIST", $"File {path} does not exist"));
        app.MapGet(ArtifactsApi, (string? path) =>
        {
            var prefix = string.IsNullOrEmpty(path) ? "" : path.TrimEnd('/') + "/";
            var entries = state.Artifacts.Where(a => a.Key.StartsWith(prefix, StringComparison.Ordinal))
                .Select(a => (Tail: a.Key[prefix.Length..], Size: a.Value.LongLength))
                .GroupBy(a => a.Tail.Split('/')[0])
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Any(a => a.Tail.Contains('/'))
                    ? new JsonObject { ["path"] = g.Key, ["is_dir"] = true }
                    : new JsonObject { ["path"] = g.Key, ["is_dir"] = false, ["file_size"] = g.First().Size })
                .ToArray<JsonNode?>();
            // Like MLflow's protobuf JSON, an empty list is left out.
            return Ok(entries.Length == 0 ? new JsonObject() : new JsonObject { ["files"] = new JsonArray(entries) });
        });
    }
}
