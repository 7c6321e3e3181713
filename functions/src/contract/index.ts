export * from './text-limits';
export * from './fields';
export * from './requests';
export * from './responses';
export * from './problem';
