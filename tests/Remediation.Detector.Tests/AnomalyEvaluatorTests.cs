using Remediation.Contracts.Signals;
using Remediation.Detector.Evaluation;
using Remediation.Detector.Ingestion;
using Remediation.Policy;

namespace Remediation.Detector.Tests;

public sealed class AnomalyEvaluatorTests
{
    private static readonly ServiceKey Checkout = new("production", "checkout");
    private static readonly DateTimeOffset T0 = new(2025, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DetectionPolicy Policy = new() { Quorum = 2, FlapSuppression = TimeSpan.FromSeconds(30) };

    private static SignalReport Breach(string signal, string fingerprint, double value = 1, Severity severity = Severity.Major) =>
        new(Checkout, new SignalObservation
        {
            Name = signal, Value = value, Threshold = 0.5, Direction = SignalDirection.Above, Window = "5m", Source = "alertmanager",
            Fingerprint = fingerprint, ObservedAt = T0,
        }, true, severity);

    private static SignalReport Recover(string signal, string fingerprint) =>
        Breach(signal, fingerprint) with { Breaching = false };

    private static Evaluation.Evaluation Apply(ServiceState state, DateTimeOffset now, params SignalReport[] reports) =>
        AnomalyEvaluator.Apply(state, reports, Checkout, Policy, now);

    [Fact]
    public void One_breaching_signal_is_below_the_default_quorum_and_publishes_nothing()
    {
        var result = Apply(ServiceState.Empty, T0, Breach("error_rate", "a"));

        Assert.True(result.Changed);
        Assert.Null(result.Detected);
        Assert.True(result.State.Signals["error_rate"].IsBreaching);
    }

    [Fact]
    public void Two_independent_signals_meet_the_quorum_and_detect_one_anomaly_with_every_signal()
    {
        var result = Apply(ServiceState.Empty, T0, Breach("error_rate", "a", 0.12), Breach("latency_p99_ms", "b", 4200, Severity.Critical));

        var detected = Assert.IsType<Contracts.Anomalies.AnomalyDetected>(result.Detected);
        Assert.Equal("production", detected.Environment);
        Assert.Equal("checkout", detected.Service);
        Assert.Equal(2, detected.Quorum);
        Assert.Equal(Severity.Critical, detected.Severity);
        Assert.Equal(["error_rate", "latency_p99_ms"], detected.Signals.Select(s => s.Name));
        Assert.Equal(0.12, detected.Signals[0].Value);
        Assert.Equal("5m", detected.Signals[0].Window);
        Assert.Equal("alertmanager", detected.Signals[0].Source);
        Assert.Equal(detected.AnomalyId, result.State.Anomaly!.AnomalyId);
    }

    [Fact]
    public void Many_instances_of_one_signal_count_as_one_independent_signal()
    {
        var result = Apply(ServiceState.Empty, T0, Breach("error_rate", "pod-1"), Breach("error_rate", "pod-2"), Breach("error_rate", "pod-3"));

        Assert.Null(result.Detected);
        Assert.Equal(3, result.State.Signals["error_rate"].Fingerprints.Count);
    }

    [Fact]
    public void Re_sent_alerts_are_no_ops_and_publish_nothing_new_while_the_anomaly_is_open()
    {
        var first = Apply(ServiceState.Empty, T0, Breach("error_rate", "a"), Breach("latency_p99_ms", "b"));

        Assert.True(AnomalyEvaluator.IsNoOp(first.State, Breach("error_rate", "a")));
        var again = Apply(first.State, T0.AddMinutes(1), Breach("error_rate", "a"), Breach("latency_p99_ms", "b"));
        Assert.False(again.Changed);
        Assert.Empty(again.Messages);

        var third = Apply(first.State, T0.AddMinutes(2), Breach("quality_score", "c"));
        Assert.True(third.Changed);
        Assert.Null(third.Detected);
    }

    [Fact]
    public void A_recovery_of_an_unknown_alert_is_a_no_op()
    {
        Assert.True(AnomalyEvaluator.IsNoOp(ServiceState.Empty, Recover("error_rate", "a")));
        Assert.False(Apply(ServiceState.Empty, T0, Recover("error_rate", "a")).Changed);
    }

    [Fact]
    public void The_anomaly_clears_once_every_signal_recovered_and_the_flap_period_passed()
    {
        var open = Apply(ServiceState.Empty, T0, Breach("error_rate", "a"), Breach("latency_p99_ms", "b")).State;

        var recovering = Apply(open, T0.AddMinutes(1), Recover("error_rate", "a"), Recover("latency_p99_ms", "b"));
        Assert.Null(recovering.Cleared);
        Assert.True(recovering.State.HasRecoveringSignals);

        Assert.Null(AnomalyEvaluator.Tick(recovering.State, Checkout, Policy, T0.AddMinutes(1).AddSeconds(29)).Cleared);
        var settled = AnomalyEvaluator.Tick(recovering.State, Checkout, Policy, T0.AddMinutes(1).AddSeconds(30));

        var cleared = Assert.IsType<Contracts.Anomalies.AnomalyCleared>(settled.Cleared);
        Assert.Equal(open.Anomaly!.AnomalyId, cleared.AnomalyId);
        Assert.Equal(T0.AddMinutes(1), cleared.ClearedAt);
        Assert.Equal(T0, cleared.DetectedAt);
        Assert.Equal(["error_rate", "latency_p99_ms"], cleared.Signals.Select(s => s.Name));
        Assert.Null(settled.State.Anomaly);
        Assert.Empty(settled.State.Signals);
    }

    [Fact]
    public void One_signal_still_breaching_keeps_the_anomaly_open()
    {
        var open = Apply(ServiceState.Empty, T0, Breach("error_rate", "a"), Breach("latency_p99_ms", "b")).State;

        var partly = Apply(open, T0.AddMinutes(1), Recover("error_rate", "a"));
        var later = AnomalyEvaluator.Tick(partly.State, Checkout, Policy, T0.AddMinutes(10));

        Assert.Null(later.Cleared);
        Assert.NotNull(later.State.Anomaly);
        Assert.Equal(["latency_p99_ms"], later.State.Signals.Keys);
    }

    [Fact]
    public void A_signal_that_flaps_within_the_suppression_period_neither_clears_nor_detects_again()
    {
        var open = Apply(ServiceState.Empty, T0, Breach("error_rate", "a"), Breach("latency_p99_ms", "b")).State;
        var down = Apply(open, T0.AddSeconds(10), Recover("error_rate", "a"), Recover("latency_p99_ms", "b")).State;

        var back = Apply(down, T0.AddSeconds(20), Breach("error_rate", "a"), Breach("latency_p99_ms", "b"));

        Assert.Empty(back.Messages);
        Assert.Equal(open.Anomaly!.AnomalyId, back.State.Anomaly!.AnomalyId);
        Assert.False(back.State.HasRecoveringSignals);
        Assert.Null(AnomalyEvaluator.Tick(back.State, Checkout, Policy, T0.AddHours(1)).Cleared);
    }

    [Fact]
    public void A_recovering_signal_does_not_count_towards_a_new_quorum()
    {
        var one = Apply(ServiceState.Empty, T0, Breach("error_rate", "a")).State;
        var down = Apply(one, T0.AddSeconds(5), Recover("error_rate", "a")).State;

        var other = Apply(down, T0.AddSeconds(10), Breach("latency_p99_ms", "b"));

        Assert.Null(other.Detected);
    }

    [Fact]
    public void After_clearing_a_new_breach_opens_a_new_anomaly()
    {
        var policy = Policy with { FlapSuppression = TimeSpan.Zero };
        var open = AnomalyEvaluator.Apply(ServiceState.Empty, [Breach("error_rate", "a"), Breach("latency_p99_ms", "b")], Checkout, policy, T0);
        var cleared = AnomalyEvaluator.Apply(open.State, [Recover("error_rate", "a"), Recover("latency_p99_ms", "b")], Checkout, policy, T0.AddMinutes(1));
        Assert.NotNull(cleared.Cleared);

        var again = AnomalyEvaluator.Apply(cleared.State, [Breach("error_rate", "a"), Breach("latency_p99_ms", "b")], Checkout, policy, T0.AddMinutes(2));

        Assert.NotNull(again.Detected);
        Assert.NotEqual(open.Detected!.AnomalyId, again.Detected!.AnomalyId);
    }

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(3, 2, false)]
    [InlineData(3, 3, true)]
    public void The_quorum_comes_from_the_policy(int quorum, int signals, bool detected)
    {
        var reports = Enumerable.Range(0, signals).Select(i => Breach($"signal_{i}", $"f{i}")).ToArray();

        var result = AnomalyEvaluator.Apply(ServiceState.Empty, reports, Checkout, Policy with { Quorum = quorum }, T0);

        Assert.Equal(detected, result.Detected is not null);
    }
}
