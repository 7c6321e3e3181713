export * from './activity-feed';
export * from './live-updates';
