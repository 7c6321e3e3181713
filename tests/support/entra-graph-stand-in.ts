// The stand-in lives with the local run, which sends its nudges to it; the tests use the same one.
export * from '../../functions/dev/graph-stand-in';
