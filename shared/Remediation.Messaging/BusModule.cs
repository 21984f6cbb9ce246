using MassTransit;

namespace Remediation.Messaging;

/// <summary>
/// What one service module adds to the bus (its consumers, sagas, endpoints). A host adds the modules it runs and then
/// builds one bus for all of them with <see cref="MessagingServiceCollectionExtensions.AddRemediationMessaging"/>.
/// </summary>
public sealed record BusModule(string Name, Action<IBusRegistrationConfigurator> Configure);
