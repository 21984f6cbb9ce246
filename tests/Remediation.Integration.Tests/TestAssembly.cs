// Each test runs five service hosts, a broker virtual host and five databases: one at a time keeps a loaded 2-core
// machine responsive enough for every wait to stay far inside its bound.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
