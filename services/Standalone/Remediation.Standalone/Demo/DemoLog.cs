using System.Diagnostics;

namespace Remediation.Standalone.Demo;

/// <summary>The demo's narration: one line per step, with the time since the demo started.</summary>
internal sealed class DemoLog(TextWriter output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Step(string who, string what)
    {
        lock (output)
            output.WriteLine($"  +{_clock.Elapsed.TotalSeconds,5:0.0}s  {who,-10}  {what}");
    }

    public void Line(string text = "")
    {
        lock (output)
            output.WriteLine(text);
    }
}
