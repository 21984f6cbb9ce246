using System.Text.Json.Nodes;
using Remediation.Executor.Drivers.Kubernetes;
using Remediation.Executor.Kubernetes;
using Remediation.Executor.Kubernetes.Models;
using Remediation.Testing.Kubernetes.Patches;

namespace Remediation.Executor.Tests;

public sealed class PodTemplatesTests
{
    private static JsonObject Template(string json) => (JsonObject)JsonNode.Parse(json)!;

    [Fact]
    public void Templates_equal_but_for_pod_template_hash_key_order_and_empty_fields_are_equal()
    {
        var deployment = Template("""{"metadata":{"labels":{"app":"a"},"creationTimestamp":null},"spec":{"containers":[{"name":"app","image":"x:1","resources":{}}],"terminationGracePeriodSeconds":30}}""");
        var replicaSet = Template("""{"spec":{"terminationGracePeriodSeconds":30.0,"containers":[{"image":"x:1","name":"app"}]},"metadata":{"labels":{"pod-template-hash":"5d8f","app":"a"}}}""");

        Assert.True(PodTemplates.EqualIgnoringHash(deployment, replicaSet));
    }

    [Fact]
    public void Templates_that_differ_in_an_env_var_are_not_equal()
    {
        var a = Template("""{"spec":{"containers":[{"name":"app","image":"x:1","env":[{"name":"A","value":"1"}]}]}}""");
        var b = Template("""{"spec":{"containers":[{"name":"app","image":"x:1","env":[{"name":"A","value":"2"}]}]}}""");

        Assert.False(PodTemplates.EqualIgnoringHash(a, b));
    }

    [Fact]
    public void The_merge_diff_applied_as_a_merge_patch_gives_exactly_the_target_template()
    {
        var current = Template("""{"metadata":{"labels":{"app":"a","version":"v2"},"annotations":{"added-in-v2":"x"}},"spec":{"containers":[{"name":"app","image":"x:2","env":[{"name":"NEW","value":"1"}]}],"nodeSelector":{"pool":"big"}}}""");
        var target = Template("""{"metadata":{"labels":{"app":"a","version":"v1"}},"spec":{"containers":[{"name":"app","image":"x:1"}]}}""");

        var patch = PodTemplates.MergeDiff(current, target);
        var patched = (JsonObject)JsonMergePatch.Apply(current, patch)!;

        Assert.True(PodTemplates.EqualIgnoringHash(patched, target), patched.ToJsonString());
        Assert.Null(patch["metadata"]!["annotations"]);
        Assert.True(((JsonObject)patch["metadata"]!).ContainsKey("annotations"));
    }

    [Theory]
    [InlineData("registry.example:5000/team/app:v1.2.3", "v1.2.3")]
    [InlineData("app", null)]
    [InlineData("registry.example:5000/app", null)]
    [InlineData("app@sha256:abc", "sha256:abc")]
    public void The_tag_of_an_image_reference_is_what_follows_the_last_colon_of_its_name(string image, string? tag) =>
        Assert.Equal(tag, PodTemplates.Tag(image));

    [Fact]
    public void The_version_is_the_version_label_else_the_image_tag()
    {
        Assert.Equal("v7", PodTemplates.Version(Template("""{"metadata":{"labels":{"app.kubernetes.io/version":"v7"}},"spec":{"containers":[{"name":"a","image":"x:9"}]}}"""), null));
        Assert.Equal("9", PodTemplates.Version(Template("""{"spec":{"containers":[{"name":"a","image":"x:1"},{"name":"b","image":"y:9"}]}}"""), "b"));
    }

    [Fact]
    public void Rollout_status_is_judged_as_kubectl_judges_it()
    {
        static Deployment With(long generation, long observed, int updated, int replicas, int available, string? reason = null) => new()
        {
            Metadata = new ObjectMeta { Name = "d", Generation = generation },
            Spec = new DeploymentSpec { Replicas = 3 },
            Status = new DeploymentStatus
            {
                ObservedGeneration = observed,
                UpdatedReplicas = updated,
                Replicas = replicas,
                AvailableReplicas = available,
                Conditions = reason is null ? null : [new DeploymentCondition { Type = "Progressing", Status = "False", Reason = reason }],
            },
        };

        Assert.False(RolloutStatus.Of(With(2, 1, 3, 3, 3)).Done);
        Assert.False(RolloutStatus.Of(With(2, 2, 2, 4, 2)).Done);
        Assert.False(RolloutStatus.Of(With(2, 2, 3, 4, 3)).Done);
        Assert.False(RolloutStatus.Of(With(2, 2, 3, 3, 2)).Done);
        Assert.True(RolloutStatus.Of(With(2, 2, 3, 3, 3)).Done);
        Assert.True(RolloutStatus.Of(With(2, 2, 1, 4, 1, "ProgressDeadlineExceeded")).Failed);
    }
}
