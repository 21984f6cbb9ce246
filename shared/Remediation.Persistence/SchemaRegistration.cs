using Microsoft.EntityFrameworkCore;

namespace Remediation.Persistence;

/// <summary>A context whose tables the <see cref="SchemaInitializer"/> creates at start.</summary>
public sealed record SchemaRegistration(Type ContextType, Func<IServiceProvider, DbContext> Create);
