namespace MlService.LoadTest.Cli;

/// <summary>How requests are issued: at a fixed arrival rate, by N looping clients, or at a rising rate.</summary>
public enum LoadMode
{
    Open,
    Closed,
    Step,
}
