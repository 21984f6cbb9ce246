using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using MassTransit.Context;
using MassTransit.Serialization;

namespace Remediation.Contracts.Tests;

/// <summary>
/// Pins every message as it travels on the wire: MassTransit's JSON envelope (camelCase, enums as names) with the
/// message inside. A changed wire form fails here; the golden files are the contract other teams code against, and a
/// golden file from an older version must always still deserialize (additive changes only — docs/contracts-versioning.md).
/// Run with REMEDIATION_UPDATE_GOLDEN=1 to write the file of a new message type.
/// </summary>
public sealed class GoldenMessageTests
{
    private static readonly Guid MessageId = Guid.Parse("00000000-0000-0000-0000-00000000a11c");

    public static TheoryData<string> MessageTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in ContractTypes.Messages)
            data.Add(type.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Message_on_the_wire_matches_its_golden_sample(string name)
    {
        var type = ContractTypes.Messages.Single(t => t.Name == name);
        var sample = Samples.All[type];
        var actual = Normalize(Serialize(type, sample));
        var path = GoldenPath(name);

        if (Environment.GetEnvironmentVariable("REMEDIATION_UPDATE_GOLDEN") == "1")
            File.WriteAllText(SourcePath(name), actual + "\n");

        Assert.True(File.Exists(path), $"No golden file for {name}: run the tests with REMEDIATION_UPDATE_GOLDEN=1 and commit Golden/{name}.json.");
        Assert.Equal(File.ReadAllText(path).TrimEnd(), actual);
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Golden_sample_deserializes_to_the_message(string name)
    {
        var type = ContractTypes.Messages.Single(t => t.Name == name);
        var golden = File.ReadAllText(GoldenPath(name));

        var message = typeof(GoldenMessageTests).GetMethod(nameof(Deserialize), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, [golden]);

        Assert.NotNull(message);
        Assert.Equal(JsonSerializer.Serialize(Samples.All[type], type), JsonSerializer.Serialize(message, type));
    }

    [Fact]
    public void Every_message_type_has_a_sample()
    {
        Assert.Empty(ContractTypes.Messages.Where(t => !Samples.All.ContainsKey(t)).Select(t => t.Name));
    }

    private static string Serialize(Type type, object message) =>
        (string)typeof(GoldenMessageTests).GetMethod(nameof(SerializeTyped), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, [message])!;

    private static string SerializeTyped<T>(T message)
        where T : class
    {
        var context = new MessageSendContext<T>(message) { MessageId = MessageId, ConversationId = MessageId, CorrelationId = null };
        return SystemTextJsonMessageSerializer.Instance.GetMessageBody(context).GetString();
    }

    private static T? Deserialize<T>(string envelope)
        where T : class
    {
        var context = SystemTextJsonMessageSerializer.Instance.Deserialize(new StringMessageBody(envelope), new DictionarySendHeaders());
        return context.TryGetMessage<T>(out var message) ? message : null;
    }

    /// <summary>The envelope without what differs per machine and per send (host, send time).</summary>
    private static string Normalize(string envelope)
    {
        var node = JsonNode.Parse(envelope)!.AsObject();
        node.Remove("host");
        node.Remove("sentTime");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string GoldenPath(string name) => Path.Combine(AppContext.BaseDirectory, "Golden", name + ".json");

    private static string SourcePath(string name, [System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.Combine(Path.GetDirectoryName(file)!, "Golden", name + ".json");
}
