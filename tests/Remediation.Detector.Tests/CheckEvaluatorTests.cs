using System.Text.Json;
using Remediation.Contracts.Signals;
using Remediation.Detector.Checks;
using Remediation.Policy;

namespace Remediation.Detector.Tests;

public sealed class CheckEvaluatorTests
{
    private static readonly ThresholdPolicy ErrorRate = new(0.05, SignalDirection.Above);

    [Fact]
    public void A_breach_counts_only_after_the_required_consecutive_breaches()
    {
        var state = CheckState.Initial;
        var first = CheckEvaluator.Evaluate(state, new QueryResult([0.2]), ErrorRate, NoDataPolicy.Inconclusive, 3);
        var second = CheckEvaluator.Evaluate(first.State, new QueryResult([0.3]), ErrorRate, NoDataPolicy.Inconclusive, 3);
        var third = CheckEvaluator.Evaluate(second.State, new QueryResult([0.4]), ErrorRate, NoDataPolicy.Inconclusive, 3);

        Assert.Equal([false, false, true], new[] { first.Breaching, second.Breaching, third.Breaching });
        Assert.Equal(0.4, third.Value);
    }

    [Fact]
    public void A_healthy_value_resets_the_count_and_recovers()
    {
        var breaching = new CheckState(5, true);

        var verdict = CheckEvaluator.Evaluate(breaching, new QueryResult([0.01]), ErrorRate, NoDataPolicy.Inconclusive, 2);

        Assert.False(verdict.Breaching);
        Assert.Equal(CheckState.Initial, verdict.State);
    }

    [Fact]
    public void The_worst_series_decides_in_the_threshold_direction()
    {
        var quality = new ThresholdPolicy(0.75, SignalDirection.Below);

        var verdict = CheckEvaluator.Evaluate(CheckState.Initial, new QueryResult([0.9, 0.6, 0.8]), quality, NoDataPolicy.Ok, 1);

        Assert.True(verdict.Breaching);
        Assert.Equal(0.6, verdict.Value);
    }

    [Theory]
    [InlineData(NoDataPolicy.Ok, false)]
    [InlineData(NoDataPolicy.Breach, true)]
    [InlineData(NoDataPolicy.Inconclusive, null)]
    public void No_data_is_judged_by_the_policy(NoDataPolicy policy, bool? expected)
    {
        var verdict = CheckEvaluator.Evaluate(CheckState.Initial, new QueryResult([]), ErrorRate, policy, 1);

        Assert.Equal(expected, verdict.Breaching);
    }

    [Fact]
    public void A_failed_query_is_inconclusive_and_keeps_the_verdict()
    {
        var state = new CheckState(2, true);

        var verdict = CheckEvaluator.Evaluate(state, QueryResult.Fail("timeout"), ErrorRate, NoDataPolicy.Ok, 1);

        Assert.Null(verdict.Breaching);
        Assert.Same(state, verdict.State);
    }

    [Fact]
    public void Prometheus_vector_answers_give_every_sample_value()
    {
        // The instant-vector answer of Prometheus' HTTP API documentation.
        const string answer = """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"__name__":"up","job":"prometheus","instance":"localhost:9090"},"value":[1435781451.781,"1"]},
              {"metric":{"__name__":"up","job":"node","instance":"localhost:9100"},"value":[1435781451.781,"0"]}]}}
            """;

        var result = PrometheusClient.Read(JsonDocument.Parse(answer).RootElement, 200);

        Assert.False(result.Failed);
        Assert.Equal([1.0, 0.0], result.Values);
    }

    [Fact]
    public void Prometheus_scalar_empty_NaN_and_error_answers_are_read()
    {
        var scalar = PrometheusClient.Read(JsonDocument.Parse("""{"status":"success","data":{"resultType":"scalar","result":[1435781451.781,"0.25"]}}""").RootElement, 200);
        var empty = PrometheusClient.Read(JsonDocument.Parse("""{"status":"success","data":{"resultType":"vector","result":[]}}""").RootElement, 200);
        var nan = PrometheusClient.Read(JsonDocument.Parse("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"NaN"]}]}}""").RootElement, 200);
        var error = PrometheusClient.Read(JsonDocument.Parse("""{"status":"error","errorType":"bad_data","error":"parse error at char 4"}""").RootElement, 400);
        var matrix = PrometheusClient.Read(JsonDocument.Parse("""{"status":"success","data":{"resultType":"matrix","result":[]}}""").RootElement, 200);

        Assert.Equal([0.25], scalar.Values);
        Assert.Empty(empty.Values);
        Assert.False(empty.Failed);
        Assert.Empty(nan.Values);
        Assert.Contains("parse error", error.Error, StringComparison.Ordinal);
        Assert.True(matrix.Failed);
    }
}
