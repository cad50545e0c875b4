using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Waypoint.Benchmarks.PeerSampleImport).Assembly).Run(args);
