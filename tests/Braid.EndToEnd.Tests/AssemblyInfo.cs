// Each test starts its own server and browser; on a 2-core CI machine that also runs the other
// test assemblies, running them one at a time keeps page loads well inside the timeouts.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
