export * from './directory';
export * from './org-chart';
