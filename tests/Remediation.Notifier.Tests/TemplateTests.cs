using Remediation.Contracts.Decisions;
using Remediation.Contracts.Signals;
using Remediation.Notifier.Channels.Slack;
using Remediation.Notifier.Channels.Teams;
using Remediation.Notifier.Templates;

namespace Remediation.Notifier.Tests;

public sealed class TemplateTests
{
    private readonly IncidentStory _story = new();

    [Fact]
    public void Opened_incident_names_each_signal_with_its_value_threshold_and_source_and_the_suspect_change()
    {
        var content = IncidentTemplates.Opened(_story.Opened());
        var text = TemplateText.PlainText(content);

        Assert.Contains("error_rate 0.12 > 0.05 (alertmanager, 5m)", text);
        Assert.Contains("latency_p99_ms 3400 ms > 3000 ms (prometheus, 5m)", text);
        Assert.Contains("v2, commit 9fceb02d0ae5, by alice, \"Faster cart totals\"", text);
        Assert.Contains("deployed 4 min before", text);
        Assert.Equal(Severity.Critical, content.Severity);
    }

    [Fact]
    public void Rollback_request_quotes_the_decision_reason_and_both_versions()
    {
        var content = RollbackTemplates.Requested(_story.RollbackRequested());
        var text = TemplateText.PlainText(content);

        Assert.Equal("checkout (production): rolling back v2 → v1", content.Title);
        Assert.Contains($"Why: \"{IncidentStory.RollbackReason}\"", text);
    }

    [Fact]
    public void Decision_whose_action_has_its_own_event_is_not_told_twice()
    {
        Assert.Null(DecisionTemplates.Recorded(_story.RollbackDecision()));
        Assert.NotNull(DecisionTemplates.Recorded(_story.VerifyingDecision()));
    }

    [Fact]
    public void Shadow_mode_decision_says_what_would_have_happened_and_why()
    {
        var shadow = _story.RollbackDecision() with { Outcome = DecisionOutcome.WouldAct, Shadow = true };

        var content = DecisionTemplates.Recorded(shadow);

        Assert.NotNull(content);
        Assert.Equal("checkout (production): would have rolled back to v1 (shadow mode)", content.Title);
        Assert.Equal(IncidentStory.RollbackReason, content.Reason);
    }

    [Fact]
    public void Resolution_names_the_version_the_chain_and_how_long_it_lasted()
    {
        var text = TemplateText.PlainText(IncidentTemplates.Resolved(_story.Resolved()));

        Assert.Contains("resolved on v1", text);
        Assert.Contains("Chain: v2 → v1", text);
        Assert.Contains("Duration: 5 min 45 s", text);
    }

    [Fact]
    public void Slack_message_escapes_control_characters_and_keeps_a_text_fallback()
    {
        var requested = _story.RollbackRequested() with { Reason = "error_rate > 0.05 & <rising>" };

        var message = SlackMessage.Build(RollbackTemplates.Requested(requested), Severity.Critical);

        var text = message["text"]!.GetValue<string>();
        Assert.Contains("error_rate &gt; 0.05 &amp; &lt;rising&gt;", text);
        Assert.DoesNotContain("<rising>", message.ToJsonString());
    }

    [Fact]
    public void Adaptive_card_quotes_the_reason_and_lists_the_facts()
    {
        var card = AdaptiveCardMessage.Build(RollbackTemplates.Requested(_story.RollbackRequested()), Severity.Critical);

        var json = card.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Equal("message", card["type"]!.GetValue<string>());
        Assert.Contains(IncidentStory.RollbackReason, json);
        Assert.Contains("\"FactSet\"", json);
    }
}
