export * from './activity-feed';
export * from './app-catalog';
export * from './live-updates';
