using MlService.Core.Mlflow;

namespace MlService.Core.Tests.Mlflow;

/// <summary>MLflow's artifact URIs parse as their own kinds; the MLflow settings refuse what MLflow would not use.</summary>
public sealed class MlflowUriTests
{
    [Theory]
    [InlineData("runs:/0a1b2c3d/model", ModelUriKind.MlflowRun)]
    [InlineData("runs:/0a1b2c3d/nested/model.onnx", ModelUriKind.MlflowRun)]
    [InlineData("mlflow-artifacts:/1/0a1b2c3d/artifacts/model", ModelUriKind.MlflowArtifacts)]
    [InlineData("mlflow-artifacts://mlflow:5000/1/0a1b2c3d/artifacts/model", ModelUriKind.MlflowArtifacts)]
    public void MlflowArtifactUrisParseAsTheirKindKeepingTheUri(string text, ModelUriKind kind)
    {
        var uri = ModelUri.Parse(text);

        Assert.Equal(kind, uri.Kind);
        Assert.Equal(text, uri.Location);
        Assert.False(uri.IsMoving);
    }

    [Theory]
    [InlineData("mlflow:5000", "is not a tracking server address")]
    [InlineData("ftp://mlflow", "is not a tracking server address")]
    public void ATrackingUriThatIsNotHttpIsRefused(string trackingUri, string reason)
    {
        Assert.Contains(reason, new MlflowSettings { TrackingUri = trackingUri }.Problem());
    }

    [Fact]
    public void AUserWithoutAPasswordIsRefusedAndSecretsStayOutOfToString()
    {
        var settings = new MlflowSettings { TrackingUri = "http://mlflow:5000", Username = "alice", Token = "t0ken-value" };

        Assert.Contains("must be set together", settings.Problem());
        Assert.DoesNotContain("t0ken-value", settings.ToString());
        Assert.Null(new MlflowSettings { TrackingUri = "https://mlflow.example.com/prefix", Username = "a", Password = "b" }.Problem());
    }

    [Fact]
    public void TheTrainerReadsMlflowsNamesAndItsBooleans()
    {
        var env = new Dictionary<string, string?>
        {
            ["MLFLOW_TRACKING_URI"] = " http://mlflow:5000 ",
            ["MLFLOW_TRACKING_TOKEN"] = "abc",
            ["MLFLOW_TRACKING_INSECURE_TLS"] = "1",
        };

        var settings = MlflowSettings.FromEnvironment(name => env.GetValueOrDefault(name));

        Assert.Equal("http://mlflow:5000", settings.TrackingUri);
        Assert.Equal("abc", settings.Token);
        Assert.True(settings.IgnoreTls);
        Assert.Throws<FormatException>(() => MlflowSettings.FromEnvironment(name => name == "MLFLOW_TRACKING_INSECURE_TLS" ? "yes" : null));
    }
}
